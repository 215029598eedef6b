import { Writable } from 'node:stream';
import { context, ROOT_CONTEXT, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { RecordingSpanProcessor } from '@rekey/testing';
import { inBackgroundSpan } from './background-span';
import { openJourneyScope } from './journey-attributes';
import { inJourneySpan } from './journey-span';
import { createLogger } from './logger';
import { currentTraceparent, TRACEPARENT_PATTERN } from './trace-context';

const recorder = new RecordingSpanProcessor();
const provider = new TracerProvider({ spanProcessors: [recorder] });
const tracer = provider.getTracer('test');
const journey = { journeyId: 'j-1', waveId: 'w-1', legacyAccountId: 'L-1' };

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(provider);
});
afterEach(() => (recorder.spans = []));

function memoryLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ serviceName: 'enrollment', destination }), lines };
}

/** The redemption on another service: a span whose traceparent the grant carried. */
function aRedemption(): { span: Span; traceparent: string } {
  const span = tracer.startSpan('POST /reset/redeem');
  span.end();
  const traceparent = currentTraceparent(trace.setSpan(ROOT_CONTEXT, span))!;
  return { span, traceparent };
}

/** A browser request on enrollment, in its own trace, as the HTTP instrumentation starts it. */
function inRequest<T>(name: string, work: (request: Span) => Promise<T>): Promise<T> {
  const request = tracer.startSpan(name, { root: true });
  return context
    .with(openJourneyScope(trace.setSpan(ROOT_CONTEXT, request)), () => work(request))
    .finally(() => request.end());
}

const spanNamed = (name: string) => recorder.spans.find((span) => span.name === name)!;

describe('currentTraceparent', () => {
  it('writes the active span as a W3C traceparent, and nothing outside a trace', () => {
    const { span, traceparent } = aRedemption();
    expect(traceparent).toMatch(TRACEPARENT_PATTERN);
    expect(traceparent).toBe(`00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
    expect(currentTraceparent(ROOT_CONTEXT)).toBeUndefined();
  });
});

describe('inJourneySpan', () => {
  it('runs a later request’s step in the journey’s trace, linked to the request’s own span', async () => {
    const redemption = aRedemption();
    const { logger, lines } = memoryLogger();
    const answer = await inRequest('POST /enroll/passkey/finish', (request) =>
      inJourneySpan('enrolment passkey finish', redemption.traceparent, journey, async () => {
        // What the step writes (an outbox row) takes the active trace context.
        await new Promise((resolve) => setImmediate(resolve));
        logger.info('passkey proven');
        return { written: currentTraceparent(), request: request.spanContext() };
      }),
    );

    const step = spanNamed('enrolment passkey finish');
    const request = spanNamed('POST /enroll/passkey/finish');
    expect(step.spanContext().traceId).toBe(redemption.span.spanContext().traceId);
    expect(step.parentSpanContext?.spanId).toBe(redemption.span.spanContext().spanId);
    expect(request.spanContext().traceId).not.toBe(step.spanContext().traceId);
    expect(step.links.map((link) => link.context.spanId)).toEqual([answer.request.spanId]);
    expect(answer.written).toBe(`00-${step.spanContext().traceId}-${step.spanContext().spanId}-01`);
    for (const span of [step, request]) {
      expect(span.attributes).toMatchObject({
        'rekey.journey_id': 'j-1',
        'rekey.wave_id': 'w-1',
        'rekey.legacy_account_id': 'L-1',
      });
    }
    expect(lines[0]).toMatchObject({ trace_id: step.spanContext().traceId, journey_id: 'j-1' });
  });

  it('stays in the request’s trace when the journey kept no valid trace context', async () => {
    for (const stored of [undefined, 'not-a-traceparent', `00-${'0'.repeat(32)}-${'0'.repeat(16)}-01`]) {
      recorder.spans = [];
      await inRequest('GET /enroll/methods', () =>
        inJourneySpan('enrolment methods', stored, journey, async () => 1),
      );
      const step = spanNamed('enrolment methods');
      const request = spanNamed('GET /enroll/methods');
      expect(step.spanContext().traceId).toBe(request.spanContext().traceId);
      expect(step.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
      expect(step.links).toEqual([]);
      expect(step.attributes['rekey.journey_id']).toBe('j-1');
    }
  });

  it('marks the journey span failed and lets the error through', async () => {
    const redemption = aRedemption();
    await expect(
      inRequest('POST /enroll/session', () =>
        inJourneySpan('enrolment start', redemption.traceparent, journey, async () => {
          throw new Error('refused');
        }),
      ),
    ).rejects.toThrow('refused');
    expect(spanNamed('enrolment start').status.code).toBe(SpanStatusCode.ERROR);
  });
});

describe('inBackgroundSpan with a parent', () => {
  it('continues its one cause’s trace as a child span, carrying the journey', async () => {
    const cause = aRedemption();
    const { logger, lines } = memoryLogger();
    await inBackgroundSpan(
      'revoke legacy sessions',
      { parent: { traceparent: cause.traceparent, tracestate: undefined }, journey },
      async () => logger.info('revoked'),
    );
    const step = spanNamed('revoke legacy sessions');
    expect(step.spanContext().traceId).toBe(cause.span.spanContext().traceId);
    expect(step.parentSpanContext?.spanId).toBe(cause.span.spanContext().spanId);
    expect(step.attributes['rekey.journey_id']).toBe('j-1');
    expect(lines[0]).toMatchObject({ trace_id: cause.span.spanContext().traceId, journey_id: 'j-1' });
  });

  it('starts a new trace when the parent is missing or malformed, whatever is active', async () => {
    const active = tracer.startSpan('scheduler tick');
    await context.with(trace.setSpan(ROOT_CONTEXT, active), () =>
      inBackgroundSpan('revoke legacy sessions', { parent: { traceparent: 'garbage' } }, async () => 1),
    );
    active.end();
    const step = spanNamed('revoke legacy sessions');
    expect(step.parentSpanContext).toBeUndefined();
    expect(step.spanContext().traceId).not.toBe(active.spanContext().traceId);
  });
});
