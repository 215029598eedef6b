import { encodeOutgoingEvent, type RekeyEvent } from '@rekey/contracts';
import type { EntityManager } from 'typeorm';
import { causationHeaders } from '../tracing/event-cause';
import { outboxHeaders } from '../tracing/message-tracing';

/** PostgreSQL channel the relay listens on; NOTIFY is delivered only when the transaction commits. */
export const OUTBOX_CHANNEL = 'rekey_outbox';

/** The columns `outboxRowSql` gives values for, in its order. */
export const OUTBOX_COLUMNS = 'event_id, event_type, topic, message_key, payload, headers, created_at';

/**
 * One event as the values of an outbox row, in the order of OUTBOX_COLUMNS. Written while an
 * event is being handled (or for a stored cause, see runCausedBy), it is recorded as caused by it.
 */
function outboxRowOf(event: RekeyEvent): unknown[] {
  const message = encodeOutgoingEvent(event);
  const headers = outboxHeaders(event, message.headers);
  const causation = causationHeaders(event);
  if (causation) Object.assign(headers, causation);
  return [
    event.id,
    event.type,
    message.topic,
    message.key,
    message.value,
    JSON.stringify(headers),
    event.time,
  ];
}

const OUTBOX_TYPES = ['uuid', 'text', 'text', 'text', 'bytea', 'jsonb', 'timestamptz'];

/**
 * One event as the typed values of an outbox row, with `bind` turning each value into a statement
 * parameter: for statements that write their own state and their events in one round trip.
 */
export function outboxRowSql(event: RekeyEvent, bind: (value: unknown) => string): string {
  return outboxRowOf(event)
    .map((value, column) => `${bind(value)}::${OUTBOX_TYPES[column]}`)
    .join(', ');
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
  // One array per column rather than parameters per row: a batch of any size is one short
  // statement that plans once, and ORDINALITY keeps the ids (the relay's order) in the caller's.
  // In an array a payload would travel as hex, twice its size: it travels as the JSON text it is.
  const columns: unknown[][] = OUTBOX_TYPES.map(() => []);
  for (const event of events) {
    outboxRowOf(event).forEach((value, column) =>
      columns[column]?.push(value instanceof Buffer ? value.toString('utf8') : value),
    );
  }
  const arrays = OUTBOX_TYPES.map(
    (type, column) => `$${column + 1}::${type === 'bytea' ? 'text' : type}[]`,
  ).join(', ');
  await manager.query(
    `WITH written AS (
       INSERT INTO outbox_message (${OUTBOX_COLUMNS})
       SELECT event_id, event_type, topic, message_key, convert_to(payload, 'UTF8'), headers, created_at
         FROM unnest(${arrays}) WITH ORDINALITY AS e (${OUTBOX_COLUMNS}, position)
        ORDER BY position
       RETURNING 1)
     SELECT pg_notify($${OUTBOX_TYPES.length + 1}, '') FROM (SELECT 1 FROM written LIMIT 1) AS any_row`,
    [...columns, OUTBOX_CHANNEL],
  );
}
