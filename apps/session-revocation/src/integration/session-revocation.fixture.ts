import { randomUUID } from 'node:crypto';
import {
  createEvent,
  encodeEvent,
  EnrollmentCompletedV1,
  FraudHoldPlacedV1,
  FraudHoldReleasedV1,
  IdentityLinkedV2,
  type RekeyEvent,
} from '@rekey/contracts';
import { KafkajsBrokerClient, type BrokerProducer } from '@rekey/messaging';
import { startService, type RunningService } from '@rekey/service-runtime';
import { eventually, freePort, isolatedPlatform } from '@rekey/testing';
import { Pool } from 'pg';
import { sessionRevocationService } from '../session-revocation.definition';
import { LegacyApiFakeServer } from './legacy-api.fake-server';

export interface SessionRevocationUnderTest {
  url: string;
  db: Pool;
  legacy: LegacyApiFakeServer;
  topicPrefix: string;
  publish(...events: RekeyEvent[]): Promise<void>;
  /** Stops the service and starts a new one on the same database, topics and legacy system. */
  restart(): Promise<void>;
  stopService(): Promise<void>;
  startAgain(): Promise<void>;
  stop(): Promise<void>;
}

/** session-revocation in this process, on a platform of its own, against an in-test legacy API. */
export async function startSessionRevocation(
  prefix: string,
  overrides: NodeJS.ProcessEnv = {},
): Promise<SessionRevocationUnderTest> {
  const platform = await isolatedPlatform(prefix);
  const environment = await platform.serviceEnvironment('session-revocation');
  const legacy = await LegacyApiFakeServer.start();
  const port = await freePort();
  const serviceEnvironment = {
    ...environment,
    PORT: String(port),
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    OUTBOX_POLL_INTERVAL_MS: '200',
    LEGACY_API_URL: legacy.url,
    LEGACY_API_TOKEN: legacy.token,
    LEGACY_API_TIMEOUT_MS: '500',
    LEGACY_BREAKER_FAILURES: '3',
    LEGACY_BREAKER_OPEN_SECONDS: '0.3',
    REVOCATION_POLL_INTERVAL_MS: '50',
    REVOCATION_RETRY_INITIAL_MS: '50',
    REVOCATION_RETRY_MAX_MS: '400',
    REVOCATION_LEASE_SECONDS: '5',
    ...overrides,
  };
  let service: RunningService | undefined = await startService(sessionRevocationService, serviceEnvironment);
  const db = new Pool({ connectionString: environment['DATABASE_URL'], max: 4 });
  const broker = new KafkajsBrokerClient({
    brokers: String(environment['KAFKA_BROKERS']).split(','),
    topicPrefix: platform.topicPrefix,
    clientId: `${prefix}-test`,
  });
  const producer: BrokerProducer = await broker.producer();
  const stopService = async () => {
    await service?.stop();
    service = undefined;
  };
  const startAgain = async () => {
    service = await startService(sessionRevocationService, serviceEnvironment);
  };
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    legacy,
    topicPrefix: platform.topicPrefix,
    publish: (...events) => producer.publish(events.map(encodeEvent)),
    restart: async () => {
      await stopService();
      await startAgain();
    },
    stopService,
    startAgain,
    stop: async () => {
      await stopService();
      await broker.close();
      await db.end();
      await legacy.stop();
      await platform.dispose();
    },
  };
}

export interface AnAccount {
  legacyAccountId: string;
  targetAccountId: string;
  journeyId: string;
  waveId: string;
}

export function anAccount(): AnAccount {
  return {
    legacyAccountId: `L-${randomUUID()}`,
    targetAccountId: `T-${randomUUID()}`,
    journeyId: randomUUID(),
    waveId: randomUUID(),
  };
}

export function linked(account: AnAccount, targetAccountId = account.targetAccountId): RekeyEvent {
  return createEvent(
    IdentityLinkedV2,
    {
      legacyAccountId: account.legacyAccountId,
      targetAccountId,
      targetAccountCreated: false,
      segment: 'standard',
      segments: ['standard'],
      band: 'high',
      method: 'deterministic',
      probability: 1,
      evidence: [],
      blockingRules: ['email'],
      maskedContacts: [],
    },
    { source: 'identity-matching', subject: account.legacyAccountId },
  );
}

export function completed(account: AnAccount): RekeyEvent {
  return createEvent(
    EnrollmentCompletedV1,
    {
      legacyAccountId: account.legacyAccountId,
      targetAccountId: account.targetAccountId,
      waveId: account.waveId,
      journeyId: account.journeyId,
      methods: ['passkey'],
      assuranceLevel: 'aal2',
      phishingResistant: true,
    },
    { source: 'enrollment', subject: account.legacyAccountId, journeyId: account.journeyId },
  );
}

export function fraudHold(account: AnAccount, holdId: string, released = false): RekeyEvent {
  const context = { source: 'fraud-monitoring', subject: account.legacyAccountId };
  return released
    ? createEvent(
        FraudHoldReleasedV1,
        {
          holdId,
          legacyAccountId: account.legacyAccountId,
          releasedBy: { subject: 'analyst@example.test', role: 'security' },
        },
        context,
      )
    : createEvent(
        FraudHoldPlacedV1,
        { holdId, legacyAccountId: account.legacyAccountId, signalIds: [] },
        context,
      );
}

/** The revocation row of a journey, as the worker left it. */
export async function revocationOf(
  db: Pool,
  journeyId: string,
): Promise<Record<string, unknown> | undefined> {
  const { rows } = await db.query(`SELECT * FROM legacy_revocation WHERE journey_id = $1`, [journeyId]);
  return rows[0] as Record<string, unknown> | undefined;
}

export function revocationReaches(db: Pool, journeyId: string, state: string, timeoutMs = 30_000) {
  return eventually(async () => {
    const row = await revocationOf(db, journeyId);
    return row?.['state'] === state ? row : undefined;
  }, timeoutMs);
}

/** The events committed to the outbox for a legacy account, oldest first. */
export async function outboxEvents(
  db: Pool,
  legacyAccountId: string,
): Promise<Array<{ type: string; data: Record<string, unknown> }>> {
  const { rows } = await db.query<{ event_type: string; payload: Buffer }>(
    `SELECT event_type, payload FROM outbox_message WHERE message_key = $1 ORDER BY id`,
    [legacyAccountId],
  );
  return rows.map((row) => ({
    type: row.event_type,
    data: JSON.parse(row.payload.toString('utf8')) as Record<string, unknown>,
  }));
}
