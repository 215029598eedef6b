import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { DeliveredMessage } from './notifier.contract';
import { messageIdOf } from './loopback-smtp-server';

/** The messages the file adapters wrote into `directory`: `.eml` emails and `.txt` SMS. */
export async function readOutboxFolder(directory: string): Promise<DeliveredMessage[]> {
  const names = await readdir(directory).catch(() => [] as string[]);
  return Promise.all(
    names
      .filter((name) => name.endsWith('.eml') || name.endsWith('.txt'))
      .map(async (name): Promise<DeliveredMessage> => {
        const content = await readFile(path.join(directory, name), 'utf8');
        if (name.endsWith('.txt')) {
          const [, recipient = '', text = ''] = /^To: (.*)\n\n([\s\S]*)$/.exec(content) ?? [];
          return { id: name.slice(0, -4), channel: 'sms', recipient, text };
        }
        const mail = await simpleParser(content);
        const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
        return {
          id: messageIdOf(mail) ?? '',
          channel: 'email',
          recipient: to?.value[0]?.address ?? '',
          subject: mail.subject ?? '',
          text: mail.text ?? '',
          ...(mail.html ? { html: mail.html } : {}),
        };
      }),
  );
}
