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
    values.push(event.id, event.type, message.topic, message.key, message.value, JSON.stringify(headers), event.time);
    const base = index * columns;
    return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6}::jsonb, $${base + 7})`;
  });
  await manager.query(
    `INSERT INTO outbox_message (event_id, event_type, topic, message_key, payload, headers, created_at)
     VALUES ${rows.join(', ')}`,
    values,
  );
  await manager.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
}
