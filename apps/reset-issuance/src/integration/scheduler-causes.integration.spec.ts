import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { SettableClock } from '@rekey/background/testing';
import type { DataSource } from 'typeorm';
import { RecordingSpanProcessor } from '@rekey/testing';
import { PgNewLinkRequestStore } from '../redemption/adapters/pg-new-link-request-store.adapter';
import {
  buildScheduler,
  fileNotifier,
  launchWave,
  scratchDatabase,
  seedAccounts,
  testSettings,
} from './issuance-fixture';

const spans = new RecordingSpanProcessor();

describe('the scheduler’s spans', () => {
  let database: { dataSource: DataSource; url: string };

  beforeAll(async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(new TracerProvider({ spanProcessors: [spans] }));
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    database = await scratchDatabase('scheduler_causes');
  });

  afterAll(async () => {
    await database.dataSource.destroy();
  });

  it('link a re-issue to the request of each customer it answers, and make no span when idle', async () => {
    const { dataSource } = database;
    const run = `c${randomUUID().slice(0, 6)}`;
    const clock = new SettableClock(new Date());
    const settings = testSettings({ REISSUE_COOLDOWN_SECONDS: 60 });
    const scheduler = buildScheduler(
      dataSource,
      fileNotifier(await mkdtemp(path.join(os.tmpdir(), 'rekey-mail-'))),
      clock,
      settings,
    );
    const accounts = await seedAccounts(dataSource, run, 2);
    await launchWave(dataSource, clock, settings, accounts);
    await scheduler.runUntilIdle();
    clock.advance(120_000);

    const requests = accounts.map(() => ({
      traceId: randomUUID().replaceAll('-', ''),
      spanId: randomUUID().replaceAll('-', '').slice(0, 16),
    }));
    for (const [index, account] of accounts.entries()) {
      const { traceId, spanId } = requests[index]!;
      await dataSource.query(
        `INSERT INTO reissue_request (legacy_account_id, created_at, trace_context) VALUES ($1, $2, $3::jsonb)`,
        [account, clock.now(), JSON.stringify({ traceparent: `00-${traceId}-${spanId}-01` })],
      );
    }
    spans.spans = [];
    await scheduler.runUntilIdle();

    const step = spans.spans.find((span) => span.name === 'process reissue requests');
    expect(step?.links.map((link) => link.context.traceId).sort()).toEqual(
      requests.map((request) => request.traceId).sort(),
    );
    expect(step?.parentSpanContext).toBeUndefined();

    spans.spans = [];
    await scheduler.tick();
    expect(spans.spans.map((span) => span.name)).toEqual([]);
  });

  it('store a customer’s new-link request with the trace of the request that asked for it', async () => {
    const { dataSource } = database;
    const contactHash = Buffer.from(randomUUID().replaceAll('-', ''), 'hex');
    const span = trace.getTracer('test').startSpan('POST /reset/request-link');
    await context.with(trace.setSpan(context.active(), span), () =>
      new PgNewLinkRequestStore(dataSource).add(contactHash, new Date()),
    );
    span.end();

    const [row] = await dataSource.query(
      `SELECT trace_context FROM reissue_request WHERE contact_hash = $1`,
      [contactHash],
    );
    expect(row.trace_context.traceparent).toBe(
      `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`,
    );
  });
});
