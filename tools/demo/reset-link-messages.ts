/**
 * The reset links a wave delivered, read back from the file notifier's folder as a customer
 * reads them from their mailbox: one `.eml` or `.txt` per message, named after the journey and
 * the link's issuance (`reset-link-<journey id>-<issuance id>`).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { recipientOf } from './customer-inbox';

export interface ResetLinkMessage {
  journeyId: string;
  channel: 'email' | 'sms';
  /** The link as the message carries it: `<reset base URL>/reset#t=<token>`. */
  link: URL;
  /** Who the message went to: the customer's email address or phone number. */
  recipient?: string;
  /** The message's file, for a person who wants to open the link themselves. */
  file?: string;
}

const LINK_FILE =
  /^reset-link-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-[0-9a-f-]{36}\.(eml|txt)$/;
const LINK = /https?:\/\/[^\s"'<>]+\/reset#t=[A-Za-z0-9_-]{43}/;
// Enough files open at once to keep the disk busy, few enough to stay far below the fd limit.
const READ_CONCURRENCY = 64;

/**
 * The link messages written at or after `since` (ms since the epoch): messages from earlier runs
 * in the same folder belong to other customers' journeys. One per journey, the newest: a link
 * re-issued after expiry supersedes the one before it.
 */
export async function resetLinksSince(folder: string, since: number): Promise<ResetLinkMessage[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const candidates = names.flatMap((name) => {
    const [, journeyId, extension] = LINK_FILE.exec(name) ?? [];
    return journeyId ? [{ name, journeyId, channel: extension === 'eml' ? 'email' : 'sms' }] : [];
  });
  const newest = new Map<string, { mtimeMs: number; message: ResetLinkMessage }>();
  for (let start = 0; start < candidates.length; start += READ_CONCURRENCY) {
    await Promise.all(
      candidates.slice(start, start + READ_CONCURRENCY).map(async ({ name, journeyId, channel }) => {
        const file = path.join(folder, name);
        const { mtimeMs } = await stat(file);
        if (mtimeMs < since) return;
        const content = await readFile(file, 'utf8');
        const text = channel === 'email' ? ((await simpleParser(content)).text ?? '') : content;
        const link = LINK.exec(text)?.[0];
        if (!link) return;
        const known = newest.get(journeyId);
        if (!known || known.mtimeMs < mtimeMs) {
          newest.set(journeyId, {
            mtimeMs,
            message: {
              journeyId,
              channel: channel as ResetLinkMessage['channel'],
              link: new URL(link),
              recipient: recipientOf(content),
              file,
            },
          });
        }
      }),
    );
  }
  return [...newest.values()].map(({ message }) => message);
}
