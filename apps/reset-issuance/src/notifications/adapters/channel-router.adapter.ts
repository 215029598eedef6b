import type { Notifier, OutgoingMessage } from '../notifier.port';

/**
 * Email and SMS through their own transports. No SMS provider is wired yet, so SMS go to the
 * file notifier whatever the email transport is.
 */
export class ChannelRouter implements Notifier {
  constructor(
    private readonly email: Notifier,
    private readonly sms: Notifier,
  ) {}

  send(message: OutgoingMessage): Promise<void> {
    return message.channel.kind === 'email' ? this.email.send(message) : this.sms.send(message);
  }

  async close(): Promise<void> {
    await Promise.all([this.email.close(), this.email === this.sms ? undefined : this.sms.close()]);
  }
}
