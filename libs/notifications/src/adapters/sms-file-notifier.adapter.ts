import { assertSafeMessageId, UnsupportedChannel } from '../message-id';
import type { Delivery, Notifier, OutgoingMessage } from '../notifier.port';
import { PrivateFolder } from './private-file';

/**
 * Stands in for an SMS provider: each text becomes one `<message id>.txt` file, `To:` line, blank
 * line, then the text, readable by the service user only.
 */
export class SmsFileNotifier implements Notifier {
  private readonly folder: PrivateFolder;

  constructor(directory: string) {
    this.folder = new PrivateFolder(directory);
  }

  async send(message: OutgoingMessage): Promise<Delivery> {
    if (message.channel !== 'sms') throw new UnsupportedChannel('SMS file', message.channel);
    assertSafeMessageId(message);
    await this.folder.write(`${message.id}.txt`, `To: ${message.recipient}\n\n${message.text}\n`);
    return { messageId: message.id, transport: 'file' };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
