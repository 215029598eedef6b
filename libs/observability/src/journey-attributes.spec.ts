import { Writable } from 'node:stream';
import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { RecordingSpanProcessor } from '@rekey/testing';
import { inBackgroundSpan } from './background-span';
import { openJourneyScope, tagJourney } from './journey-attributes';
import { createLogger } from './logger';
import { journeyOfRequest } from './request-journey';

const exporter = new RecordingSpanProcessor();
const provider = new TracerProvider({ spanProcessors: [exporter] });
const tracer = provider.getTracer('test');

function memoryLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ serviceName: 'reset-issuance', destination }), lines };
}

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(provider);
});
afterEach(() => (exporter.spans = []));

describe('tagJourney', () => {
  it('tags the unit of work’s span and every later log line of it, across awaits', async () => {
    const { logger, lines } = memoryLogger();
    const request = tracer.startSpan('POST /reset/redeem');
    await context.with(openJourneyScope(trace.setSpan(ROOT_CONTEXT, request)), async () => {
      logger.info('before the journey is known');
      // A span of its own inside the request, as an instrumented query would be.
      const inner = tracer.startSpan('lookup');
      context.with(trace.setSpan(context.active(), inner), () =>
        tagJourney({ journeyId: 'j-1', waveId: 'w-1', legacyAccountId: 'L-1' }),
      );
      inner.end();
      await new Promise((resolve) => setImmediate(resolve));
      logger.info('redeemed');
    });
    request.end();

    expect(lines[0]).not.toHaveProperty('journey_id');
    expect(lines[1]).toMatchObject({
      trace_id: request.spanContext().traceId,
      journey_id: 'j-1',
      wave_id: 'w-1',
      legacy_account_id: 'L-1',
    });
    const spans = Object.fromEntries(exporter.spans.map((span) => [span.name, span]));
    for (const name of ['POST /reset/redeem', 'lookup']) {
      expect(spans[name]?.attributes).toMatchObject({
        'rekey.journey_id': 'j-1',
        'rekey.wave_id': 'w-1',
        'rekey.legacy_account_id': 'L-1',
      });
    }
  });

  it('keeps one request’s journey out of another running at the same time', async () => {
    const { logger, lines } = memoryLogger();
    const serve = (journeyId: string) =>
      context.with(openJourneyScope(ROOT_CONTEXT), async () => {
        tagJourney({ journeyId });
        await new Promise((resolve) => setTimeout(resolve, 5));
        logger.info({ expected: journeyId }, 'done');
      });
    await Promise.all([serve('j-a'), serve('j-b')]);
    for (const line of lines) expect(line['journey_id']).toBe(line['expected']);
  });
});

describe('inBackgroundSpan', () => {
  it('starts a new trace linked to each valid cause, carrying the journey to spans and logs', async () => {
    const { logger, lines } = memoryLogger();
    const launch = tracer.startSpan('POST /operator/waves/:id/launch');
    const traceparent = `00-${launch.spanContext().traceId}-${launch.spanContext().spanId}-01`;
    await context.with(trace.setSpan(ROOT_CONTEXT, launch), () =>
      inBackgroundSpan(
        'issue wave links',
        {
          causes: [{ traceparent }, { traceparent }, { traceparent: 'garbage' }, null],
          journey: { waveId: 'w-9' },
        },
        async () => logger.info('issued'),
      ),
    );
    launch.end();

    const step = exporter.spans.find((span) => span.name === 'issue wave links')!;
    expect(step.spanContext().traceId).not.toBe(launch.spanContext().traceId);
    expect(step.parentSpanContext).toBeUndefined();
    expect(step.links.map((link) => link.context.spanId)).toEqual([launch.spanContext().spanId]);
    expect(step.attributes['rekey.wave_id']).toBe('w-9');
    expect(lines[0]).toMatchObject({ trace_id: step.spanContext().traceId, wave_id: 'w-9' });
  });
});

describe('journeyOfRequest', () => {
  it('reads the journey, wave and account a route names, and nothing else a client sent', () => {
    expect(
      journeyOfRequest({
        route: { path: '/operator/waves/:id/launch' },
        params: { id: '0190a4c8-0000-7000-8000-000000000001' },
        body: { legacyAccountId: 'L-7', token: 'secret-token', reason: 'a free text reason' },
      }),
    ).toEqual({ waveId: '0190a4c8-0000-7000-8000-000000000001', legacyAccountId: 'L-7' });
    expect(journeyOfRequest({ params: { legacyAccountId: 'has spaces in it' } })).toEqual({});
  });
});
