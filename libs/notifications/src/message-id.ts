import { randomUUID } from 'node:crypto';
import type { OutgoingMessage } from './notifier.port';

const safeMessageId = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

// Messages of one batch leave within the same few milliseconds: each millisecond is formatted once,
// so an id costs about what a UUID costs.
let stampedAt = Number.NaN;
let stamp = '';

/**
 * A fresh id that sorts by time: `2026-12-04T10-00-00-000Z-<uuid>`. A folder of files written by
 * the file adapters then lists in the order the messages were sent.
 */
export function newMessageId(at: number = Date.now()): string {
  if (at !== stampedAt) {
    stamp = new Date(at).toISOString().replace(/[:.]/g, '-');
    stampedAt = at;
  }
  return `${stamp}-${randomUUID()}`;
}

/** Refuses an id that could escape the outbox folder or break a header. Names no content. */
export function assertSafeMessageId(message: OutgoingMessage): void {
  if (!safeMessageId.test(message.id)) {
    throw new InvalidMessageId();
  }
}

export class InvalidMessageId extends Error {
  readonly code = 'notifications.invalid-message-id';

  constructor() {
    super('message id must be 1-200 letters, digits, ".", "_" or "-", starting with a letter or digit');
    this.name = 'InvalidMessageId';
  }
}

/** A notifier was given a message of a channel it does not carry. */
export class UnsupportedChannel extends Error {
  readonly code = 'notifications.unsupported-channel';

  constructor(transport: string, channel: string) {
    super(`the ${transport} notifier does not carry ${channel} messages`);
    this.name = 'UnsupportedChannel';
  }
}
