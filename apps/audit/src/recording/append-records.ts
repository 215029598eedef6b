import { unnestRows, type UnnestColumn } from '@rekey/persistence';
import type { EntityManager } from 'typeorm';
import { lockChainHead } from '../chain/chain-lock';
import { extendChain, type ChainedRecord, type RecordDraft } from '../chain/domain/audit-record';

const columns: UnnestColumn<ChainedRecord>[] = [
  { name: 'sequence', type: 'bigint', value: (record) => record.sequence },
  { name: 'event_id', type: 'uuid', value: (record) => record.eventId },
  { name: 'event_type', type: 'text', value: (record) => record.type },
  { name: 'source', type: 'text', value: (record) => record.source },
  { name: 'subject', type: 'text', value: (record) => record.subject },
  { name: 'journey_id', type: 'uuid', value: (record) => record.journeyId },
  { name: 'correlation_id', type: 'text', value: (record) => record.correlationId },
  { name: 'causation_id', type: 'text', value: (record) => record.causationId },
  { name: 'occurred_at', type: 'timestamptz', value: (record) => record.occurredAt },
  { name: 'recorded_at', type: 'timestamptz', value: (record) => record.recordedAt },
  { name: 'actor_subject', type: 'text', value: (record) => record.actor?.subject ?? null },
  { name: 'actor_role', type: 'text', value: (record) => record.actor?.role ?? null },
  { name: 'trace_id', type: 'text', value: (record) => record.traceId },
  // jsonb has no place in the array literal: passed as text, cast in the statement.
  { name: 'data', type: 'text', value: (record) => JSON.stringify(record.data) },
  { name: 'prev_hash', type: 'bytea', value: (record) => record.prevHash },
  { name: 'hash', type: 'bytea', value: (record) => record.hash },
];

const names = columns.map((column) => column.name);

/**
 * Appends drafts to the chain in one statement, inside the caller's transaction: the chain lock
 * is held until it commits, so sequence numbers have no gaps and every hash links to the last
 * committed record. Hashing happens here, in Node; the database only stores.
 */
export async function appendRecords(
  manager: EntityManager,
  drafts: readonly RecordDraft[],
  now: Date,
): Promise<ChainedRecord[]> {
  if (drafts.length === 0) return [];
  const head = await lockChainHead(manager);
  const records = extendChain(head, drafts, now);
  const rows = unnestRows(records, columns, 'r');
  const select = names.map((name) => (name === 'data' ? 'r.data::jsonb' : `r.${name}`)).join(', ');
  await manager.query(
    `INSERT INTO audit_record (${names.join(', ')}) SELECT ${select} FROM ${rows.from}`,
    rows.values,
  );
  return records;
}
