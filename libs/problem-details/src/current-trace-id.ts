import { isSpanContextValid, trace } from '@opentelemetry/api';

/** The trace id of the active span, so a client can quote it to support; none without tracing. */
export function currentTraceId(): string | undefined {
  const spanContext = trace.getActiveSpan()?.spanContext();
  return spanContext && isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
}
