import { encodeEvent, type RekeyEvent } from '@rekey/contracts';
import type { EntityManager } from 'typeorm';
import { injectCurrentTraceContext } from '../tracing/message-tracing';

/** PostgreSQL channel the relay listens on; NOTIFY is delivered only when the transaction commits. */
export const OUTBOX_CHANNEL = 'rekey_outbox';

/**
 * Writes events into the outbox inside the caller's transaction: they become publishable exactly
 * when the state change that caused them commits, and never otherwise.
 */
export async function appendToOutbox(manager: EntityManager, events: readonly RekeyEvent[]): Promise<void> {
  if (events.length === 0) return;
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('appendToOutbox needs an open transaction: state and events must commit together');
  }
  const columns = 7;
  const values: unknown[] = [];
  const rows = events.map((event, index) => {
    const message = encodeEvent(event);
    const headers = injectCurrentTraceContext({ ...message.headers });
    values.push(
      event.id,
      event.type,
      message.topic,
      message.key,
      message.value,
      JSON.stringify(headers),
      event.time,
    );
    const base = index * columns;
    return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6}::jsonb, $${base + 7})`;
  });
  // One round trip: the rows, and the notification the relay wakes on when this transaction commits.
  values.push(OUTBOX_CHANNEL);
  await manager.query(
    `WITH written AS (
       INSERT INTO outbox_message (event_id, event_type, topic, message_key, payload, headers, created_at)
       VALUES ${rows.join(', ')} RETURNING 1)
     SELECT pg_notify($${values.length}, '') FROM (SELECT 1 FROM written LIMIT 1) AS any_row`,
    values,
  );
}
