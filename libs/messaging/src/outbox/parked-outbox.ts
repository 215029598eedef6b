import type { DataSource } from 'typeorm';
import { OUTBOX_CHANNEL } from './outbox-writer';

export interface ParkedRow {
  eventId: string;
  eventType: string;
  topic: string;
  key: string;
  attempts: number;
  error: string;
  createdAt: Date;
  parkedAt: Date;
}

/**
 * What an operator does with parked outbox rows: list them, and re-queue them once the cause is
 * gone (the topic's `max.message.bytes` raised, the ACL granted). A re-queued row goes to the end
 * of the outbox with its attempts reset, under a new position: its event arrives late, after
 * events of its key written since.
 */
export class ParkedOutbox {
  constructor(private readonly dataSource: DataSource) {}

  async list(): Promise<ParkedRow[]> {
    const rows = await this.dataSource.query<
      Array<{
        event_id: string;
        event_type: string;
        topic: string;
        message_key: string;
        attempts: number;
        last_error: string;
        created_at: Date;
        parked_at: Date;
      }>
    >(
      `SELECT event_id, event_type, topic, message_key, attempts, last_error, created_at, parked_at
         FROM outbox_parked ORDER BY id`,
    );
    return rows.map((row) => ({
      eventId: row.event_id,
      eventType: row.event_type,
      topic: row.topic,
      key: row.message_key,
      attempts: row.attempts,
      error: row.last_error,
      createdAt: row.created_at,
      parkedAt: row.parked_at,
    }));
  }

  /** Re-queues the given events (all parked ones without `eventIds`); returns the ids re-queued. */
  async requeue(eventIds?: readonly string[]): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ event_id: string }>>(
      `WITH moved AS (
         DELETE FROM outbox_parked WHERE $1::uuid[] IS NULL OR event_id = ANY($1::uuid[]) RETURNING *),
       queued AS (
         INSERT INTO outbox_message (event_id, event_type, topic, message_key, payload, headers, created_at)
         SELECT event_id, event_type, topic, message_key, payload, headers, created_at FROM moved ORDER BY id
         RETURNING event_id)
       SELECT event_id, pg_notify($2, '') FROM queued`,
      [eventIds ? [...eventIds] : null, OUTBOX_CHANNEL],
    );
    return rows.map((row) => row.event_id);
  }
}
