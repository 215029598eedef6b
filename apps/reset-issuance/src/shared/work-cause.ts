import { injectCurrentTraceContext, runCausedBy, type EventCause } from '@rekey/messaging';
import { inBackgroundSpan, type JourneyFields } from '@rekey/observability';

/**
 * What asked for background work, stored with the row that records the request (a wave's launch,
 * a re-issue request): the requester's W3C trace context, and once the work has produced the
 * event that starts its chain, that event's id and correlation. Scheduler steps link their span
 * to the trace and make the events they write descend from the event.
 */
export interface WorkCause {
  traceparent?: string;
  tracestate?: string;
  eventId?: string;
  correlationId?: string;
}

/** The trace context of the work in hand, to store with a request taken up later. */
export function currentWorkCause(): WorkCause | null {
  const { traceparent, tracestate } = injectCurrentTraceContext({});
  return traceparent ? { traceparent, ...(tracestate ? { tracestate } : {}) } : null;
}

export function eventCauseOf(cause: WorkCause | null | undefined): EventCause | undefined {
  return cause?.eventId && cause.correlationId
    ? { eventId: cause.eventId, correlationId: cause.correlationId }
    : undefined;
}

/**
 * Runs one scheduler step in a span linked to the traces of its causes; when it serves one cause
 * that has an event, the events it writes are caused by that event.
 */
export function inCausedStep<T>(
  name: string,
  causes: ReadonlyArray<WorkCause | null | undefined>,
  journey: JourneyFields,
  work: () => Promise<T>,
): Promise<T> {
  const only = causes.length === 1 ? eventCauseOf(causes[0]) : undefined;
  return inBackgroundSpan(name, { causes: causes.map(traceContextOf), journey }, () =>
    runCausedBy(only, work),
  );
}

function traceContextOf(cause: WorkCause | null | undefined): Record<string, string | undefined> | undefined {
  return cause?.traceparent ? { traceparent: cause.traceparent, tracestate: cause.tracestate } : undefined;
}
