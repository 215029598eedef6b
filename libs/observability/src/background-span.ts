import {
  context as contextApi,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Link,
} from '@opentelemetry/api';
import { journeyAttributes, openJourneyScope, type JourneyFields } from './journey-attributes';
import { contextOfStored, spanContextOfStored, type StoredTraceContext } from './trace-context';

const tracer = trace.getTracer('@rekey/observability');

export interface BackgroundSpanOptions {
  /**
   * W3C trace contexts (`{ traceparent, tracestate }`, as stored with the request that caused the
   * work) this step is done for; each becomes a span link. Missing or malformed ones are skipped.
   */
  causes?: ReadonlyArray<Record<string, string | undefined> | null | undefined>;
  /**
   * The one trace context this step continues, for work that has exactly one cause (a revocation
   * is done for one completed enrolment): the step's span is then a child of it, in the cause's
   * trace, rather than the root of a new one. Missing or malformed, the step starts a new trace.
   */
  parent?: StoredTraceContext | null | undefined;
  /** What the step is about: span attributes and log fields. */
  journey?: JourneyFields;
}

/**
 * Runs one background step (a scheduler pass over a batch) in a span of its own: a new trace,
 * linked to the traces that asked for the work, so a trace UI leads from an operator's launch or
 * a customer's request to what was done for it later, however many requests one batch serves.
 * With `parent`, the step joins its single cause's trace as a child span instead.
 */
export async function inBackgroundSpan<T>(
  name: string,
  options: BackgroundSpanOptions,
  work: () => Promise<T>,
): Promise<T> {
  const links = linksTo(options.causes ?? []);
  const parent = contextOfStored(options.parent);
  const span = tracer.startSpan(
    name,
    {
      root: !parent,
      kind: SpanKind.INTERNAL,
      links,
      attributes: journeyAttributes(options.journey ?? {}),
    },
    parent ?? ROOT_CONTEXT,
  );
  const scope = openJourneyScope(trace.setSpan(parent ?? ROOT_CONTEXT, span), options.journey, span);
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

function linksTo(causes: ReadonlyArray<Record<string, string | undefined> | null | undefined>): Link[] {
  const links: Link[] = [];
  const seen = new Set<string>();
  for (const carrier of causes) {
    const spanContext = spanContextOfStored(carrier);
    if (!spanContext) continue;
    const key = `${spanContext.traceId}-${spanContext.spanId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    links.push({ context: spanContext });
  }
  return links;
}
