import { metrics, type Counter } from '@opentelemetry/api';
import type { Client } from 'pg';
import type { PublishRefused } from '../broker/publish.errors';
import type { MessagingLogger } from '../messaging-logger';

export interface RefusedRow {
  id: string;
  topic: string;
}

export interface ParkedEvent {
  eventId: string;
  eventType: string;
  topic: string;
  attempts: number;
  error: string;
}

/**
 * The relay's side of refused rows: it counts each refusal on the row and, at `maxAttempts`,
 * moves the row aside to `outbox_parked` so the rows behind it go on. Parking is what an SRE is
 * alerted on: the `rekey.outbox.parked` counter and an error log line that names the event (never
 * its payload).
 */
export class OutboxParking {
  private readonly parkedCounter: Counter;

  constructor(
    private readonly maxAttempts: number,
    private readonly logger: MessagingLogger,
  ) {
    // Made with the relay, after the service has started telemetry: the metrics API hands out a
    // no-op meter before a provider is registered, and keeps it.
    this.parkedCounter = metrics.getMeter('@rekey/messaging').createCounter('rekey.outbox.parked', {
      description: 'Outbox events the broker refused for good and the relay parked, unpublished',
      unit: '{event}',
    });
  }

  /** Records a refusal; true when the row was parked (and the rows of its key may go on). */
  async refuse(client: Client, row: RefusedRow, refusal: PublishRefused): Promise<boolean> {
    const { rows } = await client.query<{ attempts: number }>(
      `UPDATE outbox_message SET attempts = attempts + 1, last_error = $2 WHERE id = $1 RETURNING attempts`,
      [row.id, refusal.message],
    );
    const attempts = rows[0]?.attempts ?? 0;
    if (attempts < this.maxAttempts) {
      this.logger.warn('outbox event refused by the broker; trying again', {
        outboxId: row.id,
        topic: row.topic,
        attempts,
        error: refusal.message,
      });
      return false;
    }
    const parked = await this.park(client, row.id);
    if (parked) {
      this.parkedCounter.add(1, { 'messaging.destination.name': parked.topic, 'error.type': refusal.reason });
      this.logger.error('outbox event parked: the broker refused it for good', { ...parked });
    }
    return true;
  }

  /** Moves the row to `outbox_parked` in one statement: it is in exactly one of the two tables. */
  private async park(client: Client, id: string): Promise<ParkedEvent | undefined> {
    const { rows } = await client.query<{
      event_id: string;
      event_type: string;
      topic: string;
      attempts: number;
      last_error: string;
    }>(
      `WITH moved AS (DELETE FROM outbox_message WHERE id = $1 RETURNING *)
       INSERT INTO outbox_parked (id, event_id, event_type, topic, message_key, payload, headers, created_at, attempts, last_error)
       SELECT id, event_id, event_type, topic, message_key, payload, headers, created_at, attempts, last_error FROM moved
       RETURNING event_id, event_type, topic, attempts, last_error`,
      [id],
    );
    const parked = rows[0];
    return parked
      ? {
          eventId: parked.event_id,
          eventType: parked.event_type,
          topic: parked.topic,
          attempts: parked.attempts,
          error: parked.last_error,
        }
      : undefined;
  }
}
