import { randomBytes, randomUUID } from 'node:crypto';
import {
  createEvent,
  encodeOutgoingEvent,
  ResetHoldPlacedV1,
  ResetStepUpPassedV1,
  type RekeyEvent,
} from '@rekey/contracts';
import { KafkajsBrokerClient, type BrokerProducer, type OutgoingMessage } from '@rekey/messaging';
import { startService, type RunningService } from '@rekey/service-runtime';
import { ensureLocalStack, freePort, isolatedPlatform } from '@rekey/testing';
import { Pool } from 'pg';
import { auditService } from '../audit.definition';

export interface AuditUnderTest {
  service: RunningService;
  url: string;
  /** The service's own role on its database. */
  db: Pool;
  /** The database superuser on the same database: the tamperer of the tests. */
  admin: Pool;
  environment: NodeJS.ProcessEnv;
  topicPrefix: string;
  brokers: string[];
  /** Publishes events as their producers would (binary CloudEvents, a traceparent). */
  publish(events: readonly RekeyEvent[], headers?: Record<string, string>): Promise<void>;
  publishRaw(messages: OutgoingMessage[]): Promise<void>;
  stop(): Promise<void>;
}

/** audit started in this process on a platform of its own (fresh database, owner role and topics). */
export async function startAudit(prefix: string, overrides: NodeJS.ProcessEnv = {}): Promise<AuditUnderTest> {
  const stack = await ensureLocalStack();
  const platform = await isolatedPlatform(prefix);
  const port = await freePort();
  const environment: NodeJS.ProcessEnv = {
    ...(await platform.serviceEnvironment('audit')),
    PORT: String(port),
    HOST: '127.0.0.1',
    OUTBOX_POLL_INTERVAL_MS: '200',
    LOG_LEVEL: process.env['AUDIT_TEST_LOG_LEVEL'] ?? 'warn',
    NODE_ENV: 'test',
    ...overrides,
  };
  const service = await startService(auditService, environment);
  const databaseUrl = String(environment['DATABASE_URL']);
  const adminUrl = new URL(stack.postgresAdminUrl);
  adminUrl.pathname = new URL(databaseUrl).pathname;
  const broker = new KafkajsBrokerClient({
    brokers: stack.kafkaBrokers,
    clientId: `audit-test-${prefix}`,
    topicPrefix: platform.topicPrefix,
  });
  let producer: BrokerProducer | undefined;
  const db = new Pool({ connectionString: databaseUrl, max: 2 });
  const admin = new Pool({ connectionString: adminUrl.toString(), max: 2 });
  const publishRaw = async (messages: OutgoingMessage[]) => {
    producer ??= await broker.producer();
    await producer.publish(messages);
  };
  return {
    service,
    url: `http://127.0.0.1:${port}`,
    db,
    admin,
    environment,
    topicPrefix: platform.topicPrefix,
    brokers: stack.kafkaBrokers,
    publish: (events, headers = {}) =>
      publishRaw(
        events.map((event) => {
          const encoded = encodeOutgoingEvent(event);
          return { ...encoded, headers: { ...encoded.headers, ...headers } };
        }),
      ),
    publishRaw,
    stop: async () => {
      await service.stop();
      await producer?.disconnect();
      await db.end();
      await admin.end();
      await platform.dispose();
    },
  };
}

export const aTraceparent = () =>
  `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;

/** An operator action: a hold placed by a named security analyst. */
export function aHoldPlaced(legacyAccountId = `L-${randomUUID()}`, journeyId: string = randomUUID()) {
  return createEvent(
    ResetHoldPlacedV1,
    {
      legacyAccountId,
      holdId: randomUUID(),
      waveId: randomUUID(),
      journeyId,
      reason: 'Customer reported a phishing attempt.',
      placedBy: { subject: 'analyst.2@example.com', role: 'security' },
    },
    { source: 'reset-issuance', subject: legacyAccountId, journeyId },
  );
}

/** A step of a customer's journey in a wave. */
export function aStepUpPassed(legacyAccountId: string, journeyId: string, waveId: string) {
  return createEvent(
    ResetStepUpPassedV1,
    { legacyAccountId, waveId, journeyId, method: 'one_time_passcode' },
    { source: 'reset-issuance', subject: legacyAccountId, journeyId },
  );
}
