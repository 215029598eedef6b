import type { Delivery, Notifier, OutgoingMessage } from '../notifier.port';

/** Email and SMS, each through its own transport. */
export class ChannelRouter implements Notifier {
  constructor(
    private readonly email: Notifier,
    private readonly sms: Notifier,
  ) {}

  send(message: OutgoingMessage): Promise<Delivery> {
    return message.channel === 'email' ? this.email.send(message) : this.sms.send(message);
  }

  async close(): Promise<void> {
    await Promise.all([this.email.close(), this.email === this.sms ? undefined : this.sms.close()]);
  }
}
