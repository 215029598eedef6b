import { createTransport, type Transporter } from 'nodemailer';
import { assertSafeMessageId, UnsupportedChannel } from '../message-id';
import type { Delivery, Notifier, OutgoingMessage } from '../notifier.port';
import { mailOptions, senderDomain } from './mail-envelope';

/**
 * Email through an SMTP relay with a connection pool, so concurrent sends reuse connections.
 * Nodemailer's own logger stays off: it would print message content, and links carry tokens.
 */
export class SmtpEmailNotifier implements Notifier {
  private readonly transport: Transporter;
  private readonly domain: string;

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
    this.domain = senderDomain(from);
  }

  async send(message: OutgoingMessage): Promise<Delivery> {
    if (message.channel !== 'email') throw new UnsupportedChannel('SMTP', message.channel);
    assertSafeMessageId(message);
    await this.transport.sendMail(mailOptions(this.from, this.domain, message));
    return { messageId: message.id, transport: 'smtp' };
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
