import MailComposer from 'nodemailer/lib/mail-composer';
import { assertSafeMessageId, UnsupportedChannel } from '../message-id';
import type { Delivery, Notifier, OutgoingMessage } from '../notifier.port';
import { mailOptions, senderDomain } from './mail-envelope';
import { PrivateFolder } from './private-file';

/**
 * For development and tests: each email becomes one RFC 5322 `<message id>.eml` file (built by
 * nodemailer's MailComposer, so it opens in any mail client), readable by the service user only.
 */
export class EmailFileNotifier implements Notifier {
  private readonly folder: PrivateFolder;
  private readonly domain: string;

  constructor(
    directory: string,
    private readonly from: string,
  ) {
    this.folder = new PrivateFolder(directory);
    this.domain = senderDomain(from);
  }

  async send(message: OutgoingMessage): Promise<Delivery> {
    if (message.channel !== 'email') throw new UnsupportedChannel('email file', message.channel);
    assertSafeMessageId(message);
    const raw = await new MailComposer(mailOptions(this.from, this.domain, message)).compile().build();
    await this.folder.write(`${message.id}.eml`, raw);
    return { messageId: message.id, transport: 'file' };
  }

  /** Nothing stays open: each file is closed as soon as it is written. */
  close(): Promise<void> {
    return Promise.resolve();
  }
}
