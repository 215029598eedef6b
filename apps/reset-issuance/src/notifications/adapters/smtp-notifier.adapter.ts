import { createTransport, type Transporter } from 'nodemailer';
import type { Notifier, OutgoingMessage } from '../notifier.port';
import { mailOptions } from './mail-envelope';

/**
 * Email through an SMTP relay with a connection pool, so concurrent sends reuse connections.
 * Nodemailer's own logger stays off: it would print message content, and links carry tokens.
 */
export class SmtpNotifier implements Notifier {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    maxConnections = 5,
  ) {
    this.transport = createTransport({
      url: smtpUrl,
      pool: true,
      maxConnections,
      logger: false,
      debug: false,
    });
  }

  async send(message: OutgoingMessage): Promise<void> {
    if (message.channel.kind !== 'email') throw new Error('the SMTP notifier sends email only');
    await this.transport.sendMail(mailOptions(this.from, message));
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
