import {
  context as contextApi,
  defaultTextMapGetter,
  defaultTextMapSetter,
  isSpanContextValid,
  ROOT_CONTEXT,
  trace,
  type Context,
  type SpanContext,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

/**
 * A W3C trace context as stored beside the work it caused (an outbox row, a revocation, an
 * enrolment): `{ traceparent, tracestate }`, or the bare traceparent.
 */
export type StoredTraceContext = Readonly<Record<string, string | undefined>> | string;

// Stored contexts are W3C trace contexts whatever propagators the service configured.
const w3c = new W3CTraceContextPropagator();

/** `version-traceid-spanid-flags`, lower-case hex, as W3C Trace Context level 1 writes it. */
export const TRACEPARENT_PATTERN = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** A context whose (remote) span is the stored one; undefined when it is missing or malformed. */
export function contextOfStored(stored: StoredTraceContext | null | undefined): Context | undefined {
  const carrier = typeof stored === 'string' ? { traceparent: stored } : stored;
  if (!carrier?.['traceparent']) return undefined;
  const extracted = w3c.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);
  const spanContext = trace.getSpanContext(extracted);
  return spanContext && isSpanContextValid(spanContext) ? extracted : undefined;
}

/** The span context stored, when it is a valid one. */
export function spanContextOfStored(stored: StoredTraceContext | null | undefined): SpanContext | undefined {
  const parsed = contextOfStored(stored);
  return parsed ? trace.getSpanContext(parsed) : undefined;
}

/** The W3C traceparent of the active span (or `context`'s); undefined outside a valid trace. */
export function currentTraceparent(context: Context = contextApi.active()): string | undefined {
  const carrier: Record<string, string> = {};
  w3c.inject(context, carrier, defaultTextMapSetter);
  return carrier['traceparent'];
}
