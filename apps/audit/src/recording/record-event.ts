import type { RekeyEvent } from '@rekey/contracts';
import type { EntityManager } from 'typeorm';
import { projectJourney } from '../funnel/project-journey';

/**
 * Appends one event to the audit log inside the consumer's inbox transaction, so each event is
 * recorded exactly once however often the broker delivers it. The funnel projection shares the
 * transaction, so it counts exactly what the log holds.
 */
export async function recordEvent(event: RekeyEvent, manager: EntityManager): Promise<void> {
  await manager.query(
    `INSERT INTO audit_event
       (event_id, event_type, source, subject, journey_id, correlation_id, causation_id, occurred_at, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)`,
    [
      event.id,
      event.type,
      event.source,
      event.subject,
      event.journeyId ?? null,
      event.correlationId,
      event.causationId ?? null,
      event.time,
      JSON.stringify(event.data),
    ],
  );
  await projectJourney(event, manager);
}
