import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Notifier, OutgoingMessage } from '../notifier.port';
import { mailOptions } from './mail-envelope';

/**
 * For development and tests: each email becomes one RFC 5322 `.eml` file (built by nodemailer's
 * MailComposer, so it opens in any mail client), each SMS one `.txt`. Written under a temporary
 * name then renamed, so a reader never sees half a message.
 */
export class FileNotifier implements Notifier {
  private ready: Promise<unknown> | undefined;

  constructor(
    private readonly directory: string,
    private readonly from: string,
  ) {}

  async send(message: OutgoingMessage): Promise<void> {
    this.ready ??= mkdir(this.directory, { recursive: true });
    await this.ready;
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID()}`;
    if (message.channel.kind === 'email') {
      const raw = await new MailComposer(mailOptions(this.from, message)).compile().build();
      await this.write(`${name}.eml`, raw);
    } else {
      await this.write(`${name}.txt`, `To: ${message.channel.value}\n\n${message.text}\n`);
    }
  }

  /** Nothing stays open: each file is closed as soon as it is written. */
  close(): Promise<void> {
    return Promise.resolve();
  }

  private async write(name: string, content: Buffer | string): Promise<void> {
    const target = path.join(this.directory, name);
    // Messages carry links and codes: only the service's own user may read them, as with step-up codes.
    await writeFile(`${target}.part`, content, { mode: 0o600 });
    await rename(`${target}.part`, target);
  }
}
