import {
  context as contextApi,
  isSpanContextValid,
  SpanKind,
  SpanStatusCode,
  trace,
  type Link,
} from '@opentelemetry/api';
import { journeyAttributes, openJourneyScope, tagJourney, type JourneyFields } from './journey-attributes';
import { contextOfStored, type StoredTraceContext } from './trace-context';

const tracer = trace.getTracer('@rekey/observability');

/**
 * Runs one customer request's share of a journey (a step of an enrolment that began with a
 * redemption on another service, in another request) in a span that is a child of the journey's
 * stored trace context, so the journey is one trace from the redemption on, whatever the number
 * of browser requests, and what the work writes to an outbox continues that trace.
 *
 * The request's own span (the HTTP server span) stays in its own trace, as its instrumentation
 * made it; the journey span carries a span link to it, so a trace UI leads from the journey to
 * the request that did the step. The journey's facts are tagged on both spans and on every log
 * line of the work.
 *
 * Without a valid stored context (a journey started before it was kept) the span is a child of
 * the active one: the step is still traced, in the request's trace.
 */
export async function inJourneySpan<T>(
  name: string,
  journeyTrace: StoredTraceContext | null | undefined,
  journey: JourneyFields,
  work: () => Promise<T>,
): Promise<T> {
  tagJourney(journey);
  const active = contextApi.active();
  const remote = contextOfStored(journeyTrace);
  const request = trace.getSpanContext(active);
  const links: Link[] = remote && request && isSpanContextValid(request) ? [{ context: request }] : [];
  const span = tracer.startSpan(
    name,
    { kind: SpanKind.INTERNAL, links, attributes: journeyAttributes(journey) },
    remote ?? active,
  );
  // The active context's values (the request's journey scope, baggage) stay; only the span changes.
  const scope = openJourneyScope(trace.setSpan(active, span), journey, span);
  try {
    return await contextApi.with(scope, work);
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}
