import {
  context as contextApi,
  defaultTextMapGetter,
  isSpanContextValid,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Link,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { journeyAttributes, openJourneyScope, type JourneyFields } from './journey-attributes';

const tracer = trace.getTracer('@rekey/observability');
// Stored causes are W3C trace contexts whatever propagators the service configured.
const traceContext = new W3CTraceContextPropagator();

export interface BackgroundSpanOptions {
  /**
   * W3C trace contexts (`{ traceparent, tracestate }`, as stored with the request that caused the
   * work) this step is done for; each becomes a span link. Missing or malformed ones are skipped.
   */
  causes?: ReadonlyArray<Record<string, string | undefined> | null | undefined>;
  /** What the step is about: span attributes and log fields. */
  journey?: JourneyFields;
}

/**
 * Runs one background step (a scheduler pass over a batch) in a span of its own: a new trace,
 * linked to the traces that asked for the work, so a trace UI leads from an operator's launch or
 * a customer's request to what was done for it later, however many requests one batch serves.
 */
export async function inBackgroundSpan<T>(
  name: string,
  options: BackgroundSpanOptions,
  work: () => Promise<T>,
): Promise<T> {
  const links = linksTo(options.causes ?? []);
  const span = tracer.startSpan(
    name,
    {
      root: true,
      kind: SpanKind.INTERNAL,
      links,
      attributes: journeyAttributes(options.journey ?? {}),
    },
    ROOT_CONTEXT,
  );
  const scope = openJourneyScope(trace.setSpan(ROOT_CONTEXT, span), options.journey, span);
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
    if (!carrier?.['traceparent']) continue;
    const spanContext = trace.getSpanContext(
      traceContext.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter),
    );
    if (!spanContext || !isSpanContextValid(spanContext)) continue;
    const key = `${spanContext.traceId}-${spanContext.spanId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    links.push({ context: spanContext });
  }
  return links;
}
