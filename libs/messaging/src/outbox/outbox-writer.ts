import { encodeEvent, type RekeyEvent } from '@rekey/contracts';
import type { EntityManager } from 'typeorm';
import { injectCurrentTraceContext } from '../tracing/message-tracing';

/** PostgreSQL channel the relay listens on; NOTIFY is delivered only when the transaction commits. */
export const OUTBOX_CHANNEL = 'rekey_outbox';

/** The columns `outboxRowSql` gives values for, in its order. */
export const OUTBOX_COLUMNS = 'event_id, event_type, topic, message_key, payload, headers, created_at';

/**
 * One event as the typed values of an outbox row, with `bind` turning each value into a statement
 * parameter: for statements that write their own state and their events in one round trip.
 */
export function outboxRowSql(event: RekeyEvent, bind: (value: unknown) => string): string {
  const message = encodeEvent(event);
  const headers = injectCurrentTraceContext({ ...message.headers });
  return [
    `${bind(event.id)}::uuid`,
    `${bind(event.type)}::text`,
    `${bind(message.topic)}::text`,
    `${bind(message.key)}::text`,
    `${bind(message.value)}::bytea`,
    `${bind(JSON.stringify(headers))}::jsonb`,
    `${bind(event.time)}::timestamptz`,
  ].join(', ');
}

/**
 * Writes events into the outbox inside the caller's transaction: they become publishable exactly
 * when the state change that caused them commits, and never otherwise.
 */
export async function appendToOutbox(manager: EntityManager, events: readonly RekeyEvent[]): Promise<void> {
  if (events.length === 0) return;
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('appendToOutbox needs an open transaction: state and events must commit together');
  }
  const values: unknown[] = [];
  const bind = (value: unknown) => `$${values.push(value)}`;
  const rows = events.map((event) => `(${outboxRowSql(event, bind)})`);
  // One round trip: the rows, and the notification the relay wakes on when this transaction commits.
  await manager.query(
    `WITH written AS (
       INSERT INTO outbox_message (${OUTBOX_COLUMNS}) VALUES ${rows.join(', ')} RETURNING 1)
     SELECT pg_notify(${bind(OUTBOX_CHANNEL)}, '') FROM (SELECT 1 FROM written LIMIT 1) AS any_row`,
    values,
  );
}
