/**
 * The journey benchmark's platform: reset-issuance, enrollment, session-revocation and audit as
 * processes, as deployed, on a platform of their own (fresh databases and topics), with the
 * legacy-CIAM simulator as the legacy system. Seeded with live links of standard accounts, their
 * verified links (session-revocation revokes only those) and their accounts at the legacy side.
 */
import path from 'node:path';
import { appBenchProcess, progress, runBenchProcess } from '@rekey/benchmarking';
import { createEvent, encodeEvent, IdentityLinkedV2 } from '@rekey/contracts';
import {
  isolatedPlatform,
  LEGACY_CIAM_DEV_TOKEN,
  startLegacyCiamProcess,
  startServiceProcess,
  stopServiceProcess,
  waitUntilReady,
  type IsolatedPlatform,
  type LegacyCiamProcess,
  type ServiceProcess,
} from '@rekey/testing';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';

export const ports = { 'reset-issuance': 4722, enrollment: 4723, 'session-revocation': 4724, audit: 4726 };
type BenchService = keyof typeof ports;

export interface JourneyPlatform {
  platform: IsolatedPlatform;
  services: Record<BenchService, ServiceProcess>;
  legacy: LegacyCiamProcess;
  /** reset-issuance's pages, on 127.0.0.1; enrollment's on localhost (a WebAuthn rpID is a host name). */
  issuanceUrl: string;
  enrollment: { url: string; origin: string };
  databases: Record<BenchService, Pool>;
  kafkaBrokers: string[];
  stop(): Promise<void>;
}

export async function startJourneyPlatform(kafkaBrokers: string[]): Promise<JourneyPlatform> {
  const root = path.resolve(__dirname, '../../..');
  const platform = await isolatedPlatform('bench_journey');
  const legacy = await startLegacyCiamProcess({ root });
  const issuanceUrl = `http://127.0.0.1:${ports['reset-issuance']}`;
  const enrollmentOrigin = `http://localhost:${ports.enrollment}`;
  const own: Record<BenchService, NodeJS.ProcessEnv> = {
    'reset-issuance': {
      RESET_BASE_URL: issuanceUrl,
      ENROLLMENT_URL: enrollmentOrigin,
      SCHEDULER_ENABLED: 'false',
      TRUST_PROXY: '1',
      REDEEM_LIMIT_GLOBAL: '1000000',
    },
    enrollment: {
      ENROLLMENT_BASE_URL: enrollmentOrigin,
      RESET_ISSUANCE_URL: issuanceUrl,
      WEBAUTHN_RP_ID: 'localhost',
      WEBAUTHN_ORIGINS: enrollmentOrigin,
      TRUST_PROXY: '1',
    },
    'session-revocation': { LEGACY_API_URL: legacy.apiUrl, LEGACY_API_TOKEN: LEGACY_CIAM_DEV_TOKEN },
    audit: {},
  };
  const names = Object.keys(ports) as BenchService[];
  const environments = await Promise.all(names.map((name) => platform.serviceEnvironment(name)));
  const entries = names.map((name, index) => {
    const service = startServiceProcess(name, {
      root,
      logDir: path.join(root, 'tmp/bench-logs'),
      port: ports[name],
      environment: {
        ...environments[index],
        ...own[name],
        LOG_LEVEL: 'warn',
        NODE_OPTIONS: process.env['REKEY_BENCH_SERVICE_NODE_OPTIONS'] ?? '',
      },
    });
    return [name, service] as const;
  });
  const services = Object.fromEntries(entries) as Record<BenchService, ServiceProcess>;
  const databases = Object.fromEntries(
    names.map((name, index) => [
      name,
      new Pool({ connectionString: environments[index]!['DATABASE_URL'], max: 2 }),
    ]),
  ) as Record<BenchService, Pool>;
  await Promise.all(Object.values(services).map((service) => waitUntilReady(service, 90_000)));
  return {
    platform,
    services,
    legacy,
    issuanceUrl,
    enrollment: { url: `http://127.0.0.1:${ports.enrollment}`, origin: enrollmentOrigin },
    databases,
    kafkaBrokers,
    async stop() {
      await Promise.all(Object.values(services).map((service) => stopServiceProcess(service)));
      await legacy.stop();
      await Promise.all(Object.values(databases).map((pool) => pool.end()));
      await platform.dispose();
    },
  };
}

/**
 * `count` customers ready to be reset: live links in reset-issuance (the tokens, as the customers
 * hold them), verified links in session-revocation (read from rekey.identity, as identity-matching
 * publishes them) and the same accounts, with sessions, at the legacy system.
 */
export async function seedJourneys(journey: JourneyPlatform, count: number): Promise<string[]> {
  progress('journey', `seeding ${count} live links...`);
  const url = await journey.platform.databaseUrl('reset-issuance');
  const tokens = await runBenchProcess<string[]>(
    appBenchProcess('reset-issuance', 'seed-redeemable-links.process.js'),
    [url, String(count)],
    { timeoutMs: 10 * 60_000 },
  );
  // The seeded accounts are bench-<n>, linked to target-bench-<n>.
  const accounts = Array.from({ length: count }, (_, index) => `bench-${index}`);
  await publishLinks(journey, accounts);
  await seedLegacyAccounts(journey.legacy, accounts);
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { rows } = await journey.databases['session-revocation'].query<{ links: number }>(
      'SELECT count(*)::int AS links FROM link',
    );
    if ((rows[0]?.links ?? 0) >= count) break;
    if (Date.now() > deadline) throw new Error(`session-revocation read ${rows[0]?.links} of ${count} links`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return tokens;
}

async function publishLinks(journey: JourneyPlatform, accounts: string[]): Promise<void> {
  const kafka = new Kafka({
    clientId: 'bench-journey',
    brokers: journey.kafkaBrokers,
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer({ idempotent: true });
  await producer.connect();
  try {
    for (let start = 0; start < accounts.length; start += 1_000) {
      const messages = accounts.slice(start, start + 1_000).map((legacyAccountId) => {
        const encoded = encodeEvent(
          createEvent(
            IdentityLinkedV2,
            {
              legacyAccountId,
              targetAccountId: `target-${legacyAccountId}`,
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
            { source: 'identity-matching', subject: legacyAccountId },
          ),
        );
        return { key: encoded.key, value: encoded.value, headers: encoded.headers };
      });
      await producer.send({ topic: `${journey.platform.topicPrefix}rekey.identity`, acks: -1, messages });
    }
  } finally {
    await producer.disconnect();
  }
}

async function seedLegacyAccounts(legacy: LegacyCiamProcess, accounts: string[]): Promise<void> {
  for (let start = 0; start < accounts.length; start += 5_000) {
    const answer = await fetch(`${legacy.simulatorUrl}/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(accounts.slice(start, start + 5_000)),
    });
    if (!answer.ok) throw new Error(`seeding the legacy simulator: HTTP ${answer.status}`);
  }
}
