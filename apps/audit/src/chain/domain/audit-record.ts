import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';

/** Who acted, when an operator, support or security person did (EventActor in the contracts). */
export interface RecordActor {
  subject: string;
  role: string;
}

/**
 * Everything a record stores but its hashes. Its digest is SHA-256 over its RFC 8785 (JCS)
 * serialisation: the same bytes whatever the key order or the JSON library, so anyone can
 * recompute it from an exported record.
 */
export interface RecordBody {
  sequence: number;
  eventId: string;
  type: string;
  source: string;
  subject: string;
  journeyId: string | null;
  correlationId: string;
  causationId: string | null;
  /** RFC 3339 in UTC, to the millisecond: what the database's timestamp gives back. */
  occurredAt: string;
  recordedAt: string;
  actor: RecordActor | null;
  traceId: string | null;
  data: unknown;
}

export interface ChainedRecord extends RecordBody {
  /** The previous record's hash (32 zero bytes for the first record). */
  prevHash: Buffer;
  /** SHA-256(prevHash ‖ bodyDigest). */
  hash: Buffer;
}

/** A record before it has a place in the chain. */
export type RecordDraft = Omit<RecordBody, 'sequence' | 'recordedAt'>;

/** Where the chain stands: its last record, or nothing yet. */
export interface ChainHead {
  sequence: number;
  hash: Buffer;
}

export const GENESIS_HASH = Buffer.alloc(32);
export const EMPTY_CHAIN: ChainHead = { sequence: 0, hash: GENESIS_HASH };

/** The body's fields only, in a fresh object: nothing else a row carries leaks into the digest. */
export function bodyOf(record: RecordBody): RecordBody {
  return {
    sequence: record.sequence,
    eventId: record.eventId,
    type: record.type,
    source: record.source,
    subject: record.subject,
    journeyId: record.journeyId,
    correlationId: record.correlationId,
    causationId: record.causationId,
    occurredAt: record.occurredAt,
    recordedAt: record.recordedAt,
    actor: record.actor,
    traceId: record.traceId,
    data: record.data,
  };
}

export function canonicalBody(record: RecordBody): string {
  return canonicalize(bodyOf(record));
}

export function bodyDigest(record: RecordBody): Buffer {
  return createHash('sha256').update(canonicalBody(record)).digest();
}

export function chainHash(prevHash: Buffer, digest: Buffer): Buffer {
  return createHash('sha256').update(prevHash).update(digest).digest();
}

/** Gives drafts the next sequence numbers after `head` and links each to the one before. */
export function extendChain(
  head: ChainHead,
  drafts: readonly RecordDraft[],
  recordedAt: Date,
): ChainedRecord[] {
  const at = recordedAt.toISOString();
  let previous = head;
  return drafts.map((draft) => {
    const body: RecordBody = { ...draft, sequence: previous.sequence + 1, recordedAt: at };
    const hash = chainHash(previous.hash, bodyDigest(body));
    const record: ChainedRecord = { ...bodyOf(body), prevHash: previous.hash, hash };
    previous = { sequence: record.sequence, hash };
    return record;
  });
}
