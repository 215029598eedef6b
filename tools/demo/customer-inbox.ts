/**
 * A simulated customer's own mailbox and phone: the demo's message folder holds every customer's
 * messages, and a customer reads only those sent to one of their own contacts. The contacts come
 * from the legacy directory the demo generated, as a real customer knows their own address and
 * number; a step-up code goes to the channel the link did not, so the link alone is not enough.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { DirectoryRecord } from '@rekey/synthetic-directories';
import { sleep } from '../operator-api/operator-call';

const STEP_UP_FILE = /^step-up-[0-9a-f-]{36}\.(eml|txt)$/;
const STEP_UP_CODE = /Your verification code is (\d{6,8})/;
// The code is sent once the redemption answers; the outbox relays it within a second or two.
const CODE_WAIT_MS = 30_000;
const POLL_MS = 250;

/**
 * One key per contact whatever its spelling: an email in lower case, a phone by its last nine
 * digits (the directory may hold `07700 900123` where the message went to `+447700900123`).
 */
export function contactKey(value: string): string {
  if (value.includes('@')) return `email:${value.trim().toLowerCase()}`;
  return `phone:${value.replace(/\D/g, '').slice(-9)}`;
}

/**
 * Every customer's contacts, found by any one of them: their legacy account's, and those of the
 * target account the same person has (a link may verify a contact on either side).
 */
export class ContactBook {
  private readonly byContact = new Map<string, ReadonlySet<string>>();

  constructor(
    legacy: Iterable<DirectoryRecord>,
    target: { records: Iterable<DirectoryRecord>; ofLegacy: ReadonlyMap<string, string> } = {
      records: [],
      ofLegacy: new Map(),
    },
  ) {
    const targets = new Map([...target.records].map((record) => [record.id, record]));
    for (const record of legacy) {
      const same = targets.get(target.ofLegacy.get(record.id) ?? '');
      const points = [record, ...(same ? [same] : [])].flatMap(({ emails, phones }) => [
        ...emails,
        ...phones,
      ]);
      const keys = new Set(points.map(({ value }) => contactKey(value)));
      for (const key of keys) this.byContact.set(key, keys);
    }
  }

  /** The contacts of the customer a message went to; just that one when the book has no entry. */
  contactsOf(recipient: string): ReadonlySet<string> {
    const key = contactKey(recipient);
    return this.byContact.get(key) ?? new Set([key]);
  }
}

/** The `To:` line both file adapters write first. */
export function recipientOf(content: string): string | undefined {
  return /^To: *(.+)$/m.exec(content)?.[1]?.trim();
}

export class CustomerInbox {
  constructor(
    private readonly folder: string,
    private readonly contacts: ReadonlySet<string>,
  ) {}

  /** The newest step-up code sent to this customer at or after `since`, waiting for it a while. */
  async stepUpCodeSince(since: number, waitMs = CODE_WAIT_MS): Promise<string | undefined> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const code = await this.newestStepUpCode(since);
      if (code || Date.now() > deadline) return code;
      await sleep(POLL_MS);
    }
  }

  private async newestStepUpCode(since: number): Promise<string | undefined> {
    let newest: { mtimeMs: number; code: string } | undefined;
    for (const name of await readdir(this.folder).catch(() => [] as string[])) {
      const [, extension] = STEP_UP_FILE.exec(name) ?? [];
      if (!extension) continue;
      const file = path.join(this.folder, name);
      const { mtimeMs } = await stat(file);
      if (mtimeMs < since || (newest && newest.mtimeMs >= mtimeMs)) continue;
      const content = await readFile(file, 'utf8');
      const recipient = recipientOf(content);
      if (!recipient || !this.contacts.has(contactKey(recipient))) continue;
      const text = extension === 'eml' ? ((await simpleParser(content)).text ?? '') : content;
      const code = STEP_UP_CODE.exec(text)?.[1];
      if (code) newest = { mtimeMs, code };
    }
    return newest?.code;
  }
}
