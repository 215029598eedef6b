import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IdentityContactsReleasedV1, RestrictedTopics } from '@rekey/contracts';
import { KafkajsBrokerClient } from '@rekey/messaging';
import { mintOperatorToken } from '@rekey/operator-auth';
import {
  freePort,
  isolatedPlatform,
  startServiceProcess,
  stopServiceProcess,
  waitUntilReady,
  type IsolatedPlatform,
  type ServiceProcess,
} from '@rekey/testing';
import { Pool } from 'pg';
import { startOtlpCollector, type CollectedSpan } from './otlp-collector';

const root = path.resolve(__dirname, '../../../..');
type LogLine = Record<string, unknown>;

/**
 * reset-issuance as it runs in production (its own process, main.ts, telemetry exported over
 * OTLP to a collector the test holds), launching a wave an operator asked for: the request's log
 * line and span name the wave, and the background work it leads to is linked to its trace.
 */
describe('a traced wave launch', () => {
  let platform: IsolatedPlatform;
  let collector: Awaited<ReturnType<typeof startOtlpCollector>>;
  let service: ServiceProcess;
  let db: Pool;
  const accounts = [1, 2, 3].map(() => `legacy-${randomUUID()}`);

  beforeAll(async () => {
    platform = await isolatedPlatform('traced_launch');
    collector = await startOtlpCollector();
    const port = await freePort();
    service = startServiceProcess('reset-issuance', {
      root,
      logDir: await mkdtemp(path.join(tmpdir(), 'rekey-traced-launch-')),
      fromSource: true,
      port,
      environment: {
        ...(await platform.serviceEnvironment('reset-issuance')),
        RESET_BASE_URL: `http://127.0.0.1:${port}`,
        NOTIFY_FILE_DIR: await mkdtemp(path.join(tmpdir(), 'rekey-traced-mail-')),
        SCHEDULER_TICK_MS: '100',
        OUTBOX_POLL_INTERVAL_MS: '200',
        LOG_LEVEL: 'info',
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: collector.endpoint,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_BSP_SCHEDULE_DELAY: '100',
      },
    });
    await waitUntilReady(service, 90_000);
    db = new Pool({ connectionString: await platform.databaseUrl('reset-issuance'), max: 2 });
    for (const account of accounts) {
      await db.query(
        `INSERT INTO eligible_account (legacy_account_id, target_account_id, target_account_created, segment,
           segments, band, verified_contacts, linked_at, link_event_id)
         VALUES ($1, $2, false, 'standard', '{standard}', 'certain', $3::jsonb, now(), $4)`,
        [
          account,
          `target-${account}`,
          JSON.stringify([{ kind: 'email', value: `${account}@example.com` }]),
          randomUUID(),
        ],
      );
    }
  }, 180_000);

  afterAll(async () => {
    if (service) await stopServiceProcess(service);
    await db?.end();
    await collector?.stop();
    await platform?.dispose();
  });

  it('links the launch, the notices and the links it issues to the operator’s request', async () => {
    const token = await mintOperatorToken({
      subject: 'alice@example.test',
      scopes: ['waves:write', 'waves:read'],
      ttlSeconds: 300,
    });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const now = Date.now();
    const created = await fetch(`${service.url}/operator/waves`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        name: 'traced wave',
        cohort: { legacyAccountIds: accounts },
        noticeAt: new Date(now - 60_000).toISOString(),
        startsAt: new Date(now - 60_000).toISOString(),
        cutoffAt: new Date(now + 7 * 86_400_000).toISOString(),
        pacePerSecond: 1_000,
      }),
    });
    expect(created.status).toBe(201);
    const waveId = ((await created.json()) as { id: string }).id;
    const launched = await fetch(`${service.url}/operator/waves/${waveId}/launch`, {
      method: 'POST',
      headers,
    });
    expect(launched.status).toBe(202);

    const launchSpan = await eventually(() =>
      collector.spans.find((span) => span.name === 'POST /operator/waves/:id/launch'),
    );
    expect(launchSpan.attributes['rekey.wave_id']).toBe(waveId);
    const launchTrace = launchSpan.traceId;
    const linkedToLaunch = (span: CollectedSpan) => span.links.some((link) => link.traceId === launchTrace);

    // Every step the wave caused starts a trace of its own, linked to the operator's request.
    for (const step of ['launch wave', 'send due notices', 'issue wave links']) {
      const span = await eventually(() =>
        collector.spans.find((candidate) => candidate.name === step && linkedToLaunch(candidate)),
      );
      expect(span.traceId).not.toBe(launchTrace);
      if (step !== 'send due notices') expect(span.attributes['rekey.wave_id']).toBe(waveId);
    }
    // Their events are published in those traces, tagged with the wave and the account.
    const published = await eventually(() => {
      // Two issuers share a wave: its links may come from more than one step.
      const issuingTraces = new Set(
        collector.spans
          .filter((span) => span.name === 'issue wave links' && linkedToLaunch(span))
          .map((span) => span.traceId),
      );
      const spans = collector.spans.filter(
        (span) => span.name.startsWith('publish ') && issuingTraces.has(span.traceId),
      );
      return spans.length >= accounts.length ? spans : undefined;
    });
    for (const span of published) {
      expect(span.attributes['rekey.wave_id']).toBe(waveId);
      expect(accounts).toContain(span.attributes['rekey.legacy_account_id']);
    }
    // The wave's own event is about the wave: no account attribute from its subject.
    const wavePublish = await eventually(() =>
      collector.spans.find(
        (span) => span.attributes['messaging.message.type'] === 'rekey.reset.wave-launched.v1',
      ),
    );
    expect(wavePublish.attributes['rekey.wave_id']).toBe(waveId);
    expect(wavePublish.attributes['rekey.legacy_account_id']).toBeUndefined();

    // The links and notices descend from the launch event, in its correlation chain.
    const { rows } = await db.query<{
      event_type: string;
      event_id: string;
      headers: Record<string, string>;
    }>(`SELECT event_type, event_id::text, headers FROM outbox_message ORDER BY id`);
    const launchEvent = rows.find((row) => row.event_type === 'rekey.reset.wave-launched.v1')!;
    const caused = rows.filter((row) =>
      ['rekey.reset.token-issued.v1', 'rekey.reset.notice-sent.v1'].includes(row.event_type),
    );
    expect(caused.length).toBeGreaterThanOrEqual(accounts.length);
    for (const row of caused) {
      expect(row.headers['ce_causationid']).toBe(launchEvent.event_id);
      expect(row.headers['ce_correlationid']).toBe(launchEvent.event_id);
    }

    // One line per operator action, in the request's trace, naming the wave and who acted.
    const lines = await logLines(service.logFile);
    const action = lines.find(
      (line) => line['message'] === 'operator action' && line['route'] === '/operator/waves/:id/launch',
    );
    expect(action).toMatchObject({
      level: 'info',
      method: 'POST',
      status: 202,
      outcome: 'succeeded',
      actor: 'alice@example.test',
      scopes: ['waves:write', 'waves:read'],
      trace_id: launchTrace,
      span_id: launchSpan.spanId,
      wave_id: waveId,
    });
    expect(JSON.stringify(lines)).not.toContain(token);
    // The scheduler's own lines carry the trace of the step they were written in.
    // On a loaded machine the scheduler may run the step again after its lease: the line belongs to
    // one of the launch steps linked to the operator's request.
    const launchedLine = lines.find((line) => line['message'] === 'wave launched');
    const launchSteps = collector.spans.filter((span) => span.name === 'launch wave' && linkedToLaunch(span));
    expect(launchedLine).toMatchObject({ wave_id: waveId, accountCount: accounts.length });
    expect(launchSteps.map((span) => span.traceId)).toContain(launchedLine?.['trace_id']);
  }, 120_000);

  it('logs a refused operator action with its problem code and no actor', async () => {
    const refused = await fetch(`${service.url}/operator/waves`, {
      headers: { authorization: 'Bearer not-a-token' },
    });
    expect(refused.status).toBe(401);
    const problem = (await refused.json()) as { code?: string; traceId?: string };
    const line = await eventually(async () =>
      (await logLines(service.logFile)).find(
        (candidate) => candidate['message'] === 'operator action' && candidate['status'] === 401,
      ),
    );
    expect(line).toMatchObject({ outcome: 'refused', route: '/operator/waves', trace_id: problem.traceId });
    if (problem.code) expect(line['problemCode']).toBe(problem.code);
    expect(line).not.toHaveProperty('actor');
    expect(JSON.stringify(line)).not.toContain('not-a-token');
  }, 60_000);
});

describe('a consumed event reset-issuance cannot use', () => {
  it('is dead-lettered with a line naming its id, type, trace and reason', async () => {
    const platform = await isolatedPlatform('traced_dead_letter');
    const environment = await platform.serviceEnvironment('reset-issuance');
    const service = startServiceProcess('reset-issuance', {
      root,
      logDir: await mkdtemp(path.join(tmpdir(), 'rekey-traced-dlq-')),
      fromSource: true,
      port: await freePort(),
      environment: { ...environment, SCHEDULER_ENABLED: 'false', LOG_LEVEL: 'info' },
    });
    const broker = new KafkajsBrokerClient({
      brokers: String(environment['KAFKA_BROKERS']).split(','),
      clientId: 'traced-dead-letter-test',
      topicPrefix: platform.topicPrefix,
    });
    try {
      await waitUntilReady(service, 90_000);
      const producer = await broker.producer();
      const eventId = '0190a4c8-1f2e-7a3b-8c4d-5e6f708192a3';
      const traceId = randomUUID().replaceAll('-', '');
      await producer.publish([
        {
          topic: RestrictedTopics.identityContacts,
          key: 'legacy-dead-letter',
          value: Buffer.from('{"legacyAccountId":42}'),
          headers: {
            ce_specversion: '1.0',
            ce_id: eventId,
            ce_type: IdentityContactsReleasedV1.type,
            ce_source: 'identity-matching',
            ce_subject: 'legacy-dead-letter',
            ce_time: new Date().toISOString(),
            ce_correlationid: eventId,
            'content-type': 'application/json',
            traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
          },
        },
      ]);
      const line = await eventually(async () =>
        (await logLines(service.logFile)).find(
          (candidate) => candidate['message'] === 'message dead-lettered',
        ),
      );
      expect(line).toMatchObject({
        level: 'error',
        eventId,
        eventType: IdentityContactsReleasedV1.type,
        trace_id: traceId,
      });
      expect(String(line['reason'])).toMatch(/legacyAccountId/);
    } finally {
      await broker.close();
      await stopServiceProcess(service);
      await platform.dispose();
    }
  }, 180_000);
});

async function logLines(file: string): Promise<LogLine[]> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

async function eventually<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
