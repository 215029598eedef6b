import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
} from '@opentelemetry/api';

/**
 * Kafka spans are made here rather than by a generic client instrumentation: the relay publishes
 * after the commit, in batches, so each publish must be parented on the trace that wrote its
 * outbox row, and each handler must run inside the trace that published its event.
 */
const tracer = trace.getTracer('@rekey/messaging');

const headerGetter = {
  keys: (carrier: Record<string, string | undefined>) => Object.keys(carrier),
  get: (carrier: Record<string, string | undefined>, key: string) => carrier[key],
};

export function injectCurrentTraceContext(headers: Record<string, string>): Record<string, string> {
  propagation.inject(context.active(), headers);
  return headers;
}

export function extractTraceContext(headers: Record<string, string | undefined>): Context {
  return propagation.extract(ROOT_CONTEXT, headers, headerGetter);
}

/** Starts a producer span as a child of the stored context and rewrites the headers to point at it. */
export function startPublishSpan(topic: string, headers: Record<string, string>): Span {
  const parent = extractTraceContext(headers);
  const span = tracer.startSpan(
    `publish ${topic}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'send',
        'messaging.destination.name': topic,
        'messaging.message.id': headers['ce_id'],
        'rekey.journey_id': headers['ce_journeyid'],
        'rekey.legacy_account_id': headers['ce_subject'],
      },
    },
    parent,
  );
  delete headers['traceparent'];
  delete headers['tracestate'];
  propagation.inject(trace.setSpan(parent, span), headers);
  return span;
}

export async function withProcessSpan<T>(
  consumer: string,
  message: { topic: string; partition: number; offset: string; headers: Record<string, string | undefined> },
  work: () => Promise<T>,
): Promise<T> {
  const parent = extractTraceContext(message.headers);
  const span = tracer.startSpan(
    `process ${message.topic}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.destination.name': message.topic,
        'messaging.destination.partition.id': String(message.partition),
        'messaging.kafka.offset': Number(message.offset),
        'messaging.consumer.group.name': consumer,
        'messaging.message.id': message.headers['ce_id'],
        'rekey.journey_id': message.headers['ce_journeyid'],
        'rekey.legacy_account_id': message.headers['ce_subject'],
      },
    },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), work);
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}

export function endSpans(spans: Span[], error?: unknown): void {
  for (const span of spans) {
    if (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.end();
  }
}
