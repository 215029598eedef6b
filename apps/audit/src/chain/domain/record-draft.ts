import type { RekeyEvent } from '@rekey/contracts';
import type { RecordActor, RecordDraft } from './audit-record';

const actorRoles = new Set(['operator', 'support', 'security']);

/**
 * The record an event becomes. `data` goes through JSON once, as the database's jsonb will take
 * it (undefined fields dropped), so the digest computed now is the one recomputed from the row.
 */
export function draftOf(event: RekeyEvent, traceparent: string | undefined): RecordDraft {
  const data: unknown = JSON.parse(JSON.stringify(event.data ?? null));
  return {
    // Lower case, as PostgreSQL gives a uuid back: the digest is recomputed from the row.
    eventId: event.id.toLowerCase(),
    type: event.type,
    source: event.source,
    subject: event.subject,
    journeyId: event.journeyId?.toLowerCase() ?? null,
    correlationId: event.correlationId,
    causationId: event.causationId ?? null,
    occurredAt: new Date(event.time).toISOString(),
    actor: actorOf(data),
    traceId: traceIdOf(traceparent),
    data,
  };
}

/**
 * The person an operator action names: every such event carries one EventActor field
 * (placedBy, releasedBy, linkedBy, …), found here by its shape so new event types need no list.
 */
export function actorOf(data: unknown): RecordActor | null {
  if (!data || typeof data !== 'object') return null;
  for (const value of Object.values(data as Record<string, unknown>)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const { subject, role } = value as Record<string, unknown>;
      if (typeof subject === 'string' && typeof role === 'string' && actorRoles.has(role)) {
        return { subject, role };
      }
    }
  }
  return null;
}

/** The trace id of a W3C traceparent (`00-<trace id>-<span id>-<flags>`); nothing when absent or invalid. */
export function traceIdOf(traceparent: string | undefined): string | null {
  const match = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/.exec(traceparent?.trim() ?? '');
  return match && !/^0+$/.test(match[1]!) ? match[1]! : null;
}
