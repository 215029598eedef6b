import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';
import type { RekeyEvent } from '@rekey/contracts';
import { withCause } from './event-cause';
import { journeyOfEvent, type EventJourney } from './event-journey';

/**
 * Kafka spans are made here rather than by a generic client instrumentation: the relay publishes
 * after the commit, in batches, so each publish must be parented on the trace that wrote its
 * outbox row, and each handler must run inside the trace that published its event.
 */
const tracer = trace.getTracer('@rekey/messaging');

/**
 * The outbox keeps what a publish span is about beside the trace context, under these names; the
 * publish span reads them and removes them, so they never reach the broker.
 */
const SpanHeaders = {
  waveId: 'rekey-span-wave-id',
  legacyAccountId: 'rekey-span-legacy-account-id',
} as const;

/**
 * Shared by name with @rekey/observability (which infrastructure libraries may not import): the
 * journey scope its logger reads log fields from, and tagJourney adds to.
 */
const JOURNEY_SCOPE_KEY = Symbol.for('rekey.journey-scope');

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

/** The outbox headers of an event: its own, the writer's trace context, and what its span is about. */
export function outboxHeaders(event: RekeyEvent, encoded: Record<string, string>): Record<string, string> {
  const headers = injectCurrentTraceContext({ ...encoded });
  const journey = journeyOfEvent(event);
  if (journey.waveId) headers[SpanHeaders.waveId] = journey.waveId;
  if (journey.legacyAccountId) headers[SpanHeaders.legacyAccountId] = journey.legacyAccountId;
  return headers;
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
        'messaging.message.type': headers['ce_type'],
        ...journeyAttributes({
          journeyId: headers['ce_journeyid'],
          waveId: headers[SpanHeaders.waveId],
          legacyAccountId: headers[SpanHeaders.legacyAccountId],
        }),
      },
    },
    parent,
  );
  delete headers['traceparent'];
  delete headers['tracestate'];
  delete headers[SpanHeaders.waveId];
  delete headers[SpanHeaders.legacyAccountId];
  propagation.inject(trace.setSpan(parent, span), headers);
  return span;
}

type ConsumedMessage = {
  topic: string;
  partition: number;
  offset: string;
  headers: Record<string, string | undefined>;
};

/**
 * Runs a handler in a `process <topic>` span, child of the publish span, in a context that knows
 * the event as the cause of whatever the handler writes, and what it is about for log lines.
 */
export async function withProcessSpan<T>(
  consumer: string,
  message: ConsumedMessage,
  event: RekeyEvent,
  work: () => Promise<T>,
): Promise<T> {
  const parent = extractTraceContext(message.headers);
  const journey = journeyOfEvent(event);
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
        'messaging.message.id': event.id,
        'messaging.message.type': event.type,
        ...journeyAttributes(journey),
      },
    },
    parent,
  );
  const scope = withCause(trace.setSpan(journeyScope(parent, journey, span), span), {
    eventId: event.id,
    correlationId: event.correlationId,
  });
  return runInSpan(span, scope, work);
}

/**
 * Runs a batch's before-commit task (one write on behalf of several events) in a span of its own:
 * a child of the first event that asked for it, so a lone event's trace holds the write, and
 * linked to every event it serves, so each of their traces leads to it.
 */
export async function withBatchTaskSpan<T>(
  key: string,
  requestedIn: readonly Context[],
  work: () => Promise<T>,
): Promise<T> {
  const links = requestedIn
    .map((requested) => trace.getSpanContext(requested))
    .filter((spanContext) => spanContext !== undefined)
    .map((spanContext) => ({ context: spanContext }));
  const parent = requestedIn[0] ?? context.active();
  const span = tracer.startSpan(
    `before-commit ${key}`,
    { kind: SpanKind.INTERNAL, attributes: { 'rekey.batch.events': requestedIn.length }, links },
    parent,
  );
  return runInSpan(span, trace.setSpan(parent, span), work);
}

/** Runs `work` in `scope`, records a failure on `span`, and ends it either way. */
async function runInSpan<T>(span: Span, scope: Context, work: () => Promise<T>): Promise<T> {
  try {
    return await context.with(scope, work);
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}

/**
 * Runs `write` (a log line) in the trace the message came with and with what its event is about,
 * so that lines written about a message outside its handler's span still lead to its trace.
 */
export function inMessageContext<T>(
  message: Pick<ConsumedMessage, 'headers'>,
  event: RekeyEvent | undefined,
  write: () => T,
): T {
  const parent = extractTraceContext(message.headers);
  const journey = event ? journeyOfEvent(event) : { journeyId: message.headers['ce_journeyid'] };
  return context.with(journeyScope(parent, journey, undefined), write);
}

/** The trace id a message's headers carry, for lines that must name it whatever the logger. */
export function traceIdOf(headers: Record<string, string | undefined>): string | undefined {
  return trace.getSpanContext(extractTraceContext(headers))?.traceId;
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

function journeyScope(parent: Context, journey: EventJourney, span: Span | undefined): Context {
  return parent.setValue(JOURNEY_SCOPE_KEY, { ...journey, span });
}

function journeyAttributes(journey: {
  journeyId?: string | undefined;
  waveId?: string | undefined;
  legacyAccountId?: string | undefined;
}): Attributes {
  const attributes: Attributes = {};
  if (journey.journeyId) attributes['rekey.journey_id'] = journey.journeyId;
  if (journey.waveId) attributes['rekey.wave_id'] = journey.waveId;
  if (journey.legacyAccountId) attributes['rekey.legacy_account_id'] = journey.legacyAccountId;
  return attributes;
}
