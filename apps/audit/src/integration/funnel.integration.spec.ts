import { createEvent, encodeEvent, SessionLegacySessionsRevokedV1, type RekeyEvent } from '@rekey/contracts';
import { KafkajsBrokerClient, type BrokerProducer } from '@rekey/messaging';
import { mintOperatorToken } from '@rekey/operator-auth';
import { startService, type RunningService } from '@rekey/service-runtime';
import {
  ensureLocalStack,
  eventually,
  freePort,
  isolatedPlatform,
  type IsolatedPlatform,
} from '@rekey/testing';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { auditService } from '../audit.definition';
import { FunnelAnswer, KnownWavesAnswer } from '../funnel/funnel.openapi';
import { shuffled, waveEvents, type ScriptedAccount } from './funnel-events.fixture';

const accounts: ScriptedAccount[] = [
  { legacyAccountId: 'F-1', segment: 'standard', reach: 'migrated', issueToMigratedSeconds: 60 },
  { legacyAccountId: 'F-2', segment: 'standard', reach: 'redeemed' },
  { legacyAccountId: 'F-3', segment: 'standard', reach: 'notified' },
  {
    legacyAccountId: 'F-4',
    segment: 'privileged',
    reach: 'migrated',
    stepUp: true,
    issueToMigratedSeconds: 180,
  },
  { legacyAccountId: 'F-5', segment: 'privileged', reach: 'step_up_required', stepUp: true },
];

describe('the migration funnel, projected from the log', () => {
  let platform: IsolatedPlatform;
  let audit: RunningService;
  let db: Pool;
  let broker: KafkajsBrokerClient;
  let producer: BrokerProducer;
  let url: string;
  let token: string;

  beforeAll(async () => {
    platform = await isolatedPlatform('audit_funnel');
    const port = await freePort();
    audit = await startService(auditService, {
      ...(await platform.serviceEnvironment('audit')),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
    });
    url = `http://127.0.0.1:${port}`;
    db = new Pool({ connectionString: await platform.databaseUrl('audit'), max: 2 });
    broker = new KafkajsBrokerClient({
      brokers: (await ensureLocalStack()).kafkaBrokers,
      clientId: 'audit-funnel-test',
      topicPrefix: platform.topicPrefix,
    });
    producer = await broker.producer();
    token = await mintOperatorToken({
      subject: 'auditor@example.com',
      scopes: ['audit:read'],
      ttlSeconds: 600,
    });
  }, 120_000);

  afterAll(async () => {
    await broker?.close();
    await audit?.stop();
    await db?.end();
    await platform?.dispose();
  });

  const get = (route: string, bearer = token) =>
    fetch(`${url}${route}`, { headers: { authorization: `Bearer ${bearer}` } });
  const recorded = async (events: RekeyEvent[]) => {
    const ids = events.map((event) => event.id);
    await eventually(async () => {
      const { rows } = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM audit_record WHERE event_id = ANY($1::uuid[])`,
        [ids],
      );
      return Number(rows[0]!.n) === ids.length ? true : undefined;
    });
  };

  it('converges to the same funnel whatever the order, counting duplicates once', async () => {
    const waveId = randomUUID();
    const { wave, links, journeys } = waveEvents(waveId, accounts);
    // F-5's link comes after everything else: its segment must still reach its journey.
    const lateLink = links.get('F-5')!;
    const early = [...wave, ...journeys, ...[...links.values()].filter((event) => event !== lateLink)];
    // Sessions revoked under a hold retire nothing: not a migration.
    const heldJourney = journeys.find((event) => event.subject === 'F-2')!.journeyId!;
    const held = createEvent(
      SessionLegacySessionsRevokedV1,
      {
        legacyAccountId: 'F-2',
        journeyId: heldJourney,
        revokedCount: 1,
        revokedAt: new Date().toISOString(),
        legacyLoginRetired: false,
      },
      { source: 'session-revocation', subject: 'F-2', journeyId: heldJourney },
    );
    const deliveries = shuffled([...early, held, ...early.slice(0, 7)], 17);
    await producer.publish(deliveries.map(encodeEvent));
    await recorded([...early, held]);

    const before = FunnelAnswer.parse(await (await get(`/operator/funnel?wave=${waveId}`)).json());
    expect(before.bySegment.map((group) => [group.segment, group.journeys])).toEqual([
      ['privileged', 1],
      ['standard', 3],
      ['unknown', 1],
    ]);

    await producer.publish([encodeEvent(lateLink), encodeEvent(lateLink)]);
    await recorded([lateLink]);

    const response = await get(`/operator/funnel?wave=${waveId}`);
    expect(response.status).toBe(200);
    const funnel = FunnelAnswer.parse(await response.json());
    expect(funnel.wave).toEqual({
      name: 'Funnel wave',
      cutoffAt: '2099-12-20T10:00:00.000Z',
      accountCount: 5,
      pastCutoff: false,
    });
    expect(funnel.abandonment).toBe('in_progress');
    const rows = (group: (typeof funnel)['overall']) =>
      group.steps.map((step) => [step.step, step.reached, step.conversion, step.abandoned]);
    expect(rows(funnel.overall)).toEqual([
      ['linked', 5, 1, 0],
      ['notified', 5, 0.8, 1],
      ['issued', 4, 1, 0],
      ['redeemed', 4, 0.5, 2],
      ['enrolled', 2, 1, 0],
      ['migrated', 2, null, 0],
    ]);
    expect(funnel.overall.stepUp).toMatchObject({ needed: 2, passed: 1, conversion: 0.5, abandoned: 1 });
    // F-1 took 60 s from issue to migrated, F-4 180 s: percentile_cont interpolates.
    expect(funnel.overall.issueToMigrated).toEqual({ journeys: 2, p50Seconds: 120, p90Seconds: 168 });

    expect(funnel.bySegment.map((group) => group.segment)).toEqual(['privileged', 'standard']);
    const [privileged, standard] = funnel.bySegment;
    expect(rows(privileged!)).toEqual([
      ['linked', 2, 1, 0],
      ['notified', 2, 1, 0],
      ['issued', 2, 1, 0],
      ['redeemed', 2, 0.5, 1],
      ['enrolled', 1, 1, 0],
      ['migrated', 1, null, 0],
    ]);
    expect(privileged!.stepUp).toMatchObject({ needed: 2, passed: 1 });
    expect(standard!.stepUp).toMatchObject({ needed: 0, passed: 0, conversion: null });
    expect(standard!.issueToMigrated).toEqual({ journeys: 1, p50Seconds: 60, p90Seconds: 60 });

    const waves = KnownWavesAnswer.parse(await (await get('/operator/funnel/waves')).json());
    expect(waves.waves).toContainEqual({
      waveId,
      name: 'Funnel wave',
      cutoffAt: '2099-12-20T10:00:00.000Z',
      accountCount: 5,
      journeys: 5,
    });
  }, 120_000);

  it('documents both endpoints, with the answer schema, in the OpenAPI document', async () => {
    const document = (await (await fetch(`${url}/docs-json`)).json()) as {
      paths: Record<
        string,
        { get?: { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> } }
      >;
    };
    const funnel = document.paths['/operator/funnel']?.get;
    expect(JSON.stringify(funnel?.responses?.['200']?.content?.['application/json']?.schema)).toContain(
      'issueToMigrated',
    );
    expect(document.paths['/operator/funnel/waves']?.get).toBeDefined();
  });

  it('answers problems for an unknown wave, a malformed id, and a token without audit:read', async () => {
    const unknown = await get(`/operator/funnel?wave=${randomUUID()}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'funnel.wave-unknown' });
    expect((await get('/operator/funnel?wave=not-a-wave')).status).toBe(400);
    const wrongScope = await mintOperatorToken({ subject: 'op', scopes: ['waves:read'], ttlSeconds: 600 });
    expect((await get('/operator/funnel/waves', wrongScope)).status).toBe(403);
  });
});
