/**
 * `npm start`: brings up the local stack (Kafka from its jars, embedded PostgreSQL) and the
 * legacy-CIAM simulator, starts the six services against them, prints their URLs, runs the demo
 * migration, has the wave's customers act on their links (most enrol a passkey, some never click),
 * closes the legacy path of those who enrolled, and stops what it started on Ctrl-C.
 *
 *   npm start                        demo migration of 10,000 accounts
 *   npm start -- --accounts 50000    a bigger one
 *   npm start -- --no-demo           the services only
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { patchKafkajsRequestQueue } from '@rekey/messaging';
import {
  ensureLocalStack,
  localServiceEnvironment,
  serviceNames,
  startServiceProcess,
  stopLocalStack,
  stopServiceProcess,
  waitUntilReady,
  type ServiceProcess,
} from '@rekey/testing';

import { mintOperatorToken } from '@rekey/operator-auth';
import { runCustomerSimulation } from './demo/customer-simulation';
import { runDemoMigration } from './demo/demo-migration';
import { LegacyCiamClient } from './demo/legacy-ciam-client';
import { failFirstRevocations, type RunningFaults } from './demo/legacy-fault-schedule';
import { runMigrationEnd } from './demo/migration-end';
import { DEFAULT_BEARER_TOKEN } from './legacy-ciam/legacy-auth';
import { DEFAULT_PORT, startLegacyCiam, type LegacyCiam } from './legacy-ciam/legacy-ciam-server';
import { seedFromDirectoryFile } from './legacy-ciam/seeding';

// The local stack's admin clients are kafkajs's: without the patch each prints Node 24's
// TimeoutNegativeWarning.
patchKafkajsRequestQueue();

const root = path.resolve(__dirname, '../..');
const logDir = path.join(root, 'tmp/logs');
const mailDir = path.join(root, 'tmp/outbox-mail');
// Enrollment's "a sign-in method was added" notices, beside reset-issuance's links and notices.
const enrollmentMailDir = path.join(root, 'tmp/outbox-enrollment');

function options() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      accounts: { type: 'string', default: '10000' },
      'no-demo': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const accounts = Number(values.accounts);
  if (!Number.isInteger(accounts) || accounts < 100 || accounts > 2_000_000) {
    process.stderr.write('--accounts must be a whole number between 100 and 2000000\n');
    process.exit(2);
  }
  return { accounts, demo: !values['no-demo'] };
}

/**
 * Messages go to files; the demo's customers come through one trusted proxy (X-Forwarded-For, an
 * address each), and the global redemption limit is sized to the wave: the demo redeems in a
 * minute what a real wave's customers redeem over days.
 */
function resetIssuanceEnvironment(accounts: number): NodeJS.ProcessEnv {
  return {
    NOTIFY_TRANSPORT: 'file',
    NOTIFY_FILE_DIR: mailDir,
    TRUST_PROXY: '1',
    REDEEM_LIMIT_GLOBAL: String(Math.max(3_000, accounts * 2)),
  };
}

/** The legacy-CIAM simulator on its usual port, or on a free one when something else holds it. */
async function startSimulator(): Promise<LegacyCiam> {
  try {
    return await startLegacyCiam({ port: DEFAULT_PORT });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return startLegacyCiam({ port: 0 });
  }
}

/** Where session-revocation finds the legacy system: the simulator, with its development token. */
function sessionRevocationEnvironment(legacyCiam: LegacyCiam): NodeJS.ProcessEnv {
  return { LEGACY_API_URL: legacyCiam.apiUrl, LEGACY_API_TOKEN: DEFAULT_BEARER_TOKEN };
}

async function main(): Promise<void> {
  const { accounts, demo } = options();
  const started = Date.now();
  process.stdout.write('Starting the local stack (Kafka, PostgreSQL)...\n');
  const stack = await ensureLocalStack();
  // Before the services: session-revocation may call the legacy system as soon as it is up.
  const legacyCiam = await startSimulator();
  const environments = await Promise.all(serviceNames.map((name) => localServiceEnvironment(name)));
  const services: ServiceProcess[] = serviceNames.map((name, index) =>
    startServiceProcess(name, {
      root,
      logDir,
      environment: {
        ...environments[index]!,
        ...(name === 'reset-issuance' ? resetIssuanceEnvironment(accounts) : {}),
        ...(name === 'enrollment' ? { NOTIFY_TRANSPORT: 'file', NOTIFY_FILE_DIR: enrollmentMailDir } : {}),
        ...(name === 'session-revocation' ? sessionRevocationEnvironment(legacyCiam) : {}),
        // Sealed every few seconds, so the demo ends with its whole run under a signed checkpoint.
        ...(name === 'audit' ? { AUDIT_CHECKPOINT_EVERY_SECONDS: '5' } : {}),
      },
    }),
  );

  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    // A stack that was already running (`npm run stack -- up`, another checkout's tests) is not
    // this command's to stop.
    process.stdout.write(
      stack.startedHere
        ? '\nStopping the services and the local stack...\n'
        : '\nStopping the services (the local stack was already running and stays up)...\n',
    );
    await Promise.all(services.map((service) => stopServiceProcess(service)));
    await legacyCiam.close();
    if (stack.startedHere) await stopLocalStack();
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    await Promise.all(services.map((service) => waitUntilReady(service, 60_000)));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    await stopAll(1);
    return;
  }
  for (const service of services) {
    void service.exited.then((code) => {
      if (!stopping) process.stderr.write(`${service.name} exited (code ${code}); see ${service.logFile}\n`);
    });
  }

  const rows = services.map((service) => `  ${service.name.padEnd(20)} ${service.url}   ${service.url}/docs`);
  process.stdout.write(
    [
      '',
      `Rekey is up in ${((Date.now() - started) / 1000).toFixed(1)} s: six services ready.`,
      '',
      `  ${'service'.padEnd(20)} ${'url'.padEnd(24)}   OpenAPI`,
      ...rows,
      '',
      `  Kafka        ${stack.kafkaBrokers.join(',')}`,
      `  Legacy CIAM  ${legacyCiam.apiUrl}   simulator (development tool): faults and stats at ${legacyCiam.origin}/_simulator`,
      `  Logs         ${path.relative(process.cwd(), logDir)}/<service>.log`,
      `  Messages     ${path.relative(process.cwd(), mailDir)}/ (links, notices), ${path.relative(process.cwd(), enrollmentMailDir)}/ (sign-in method added)`,
      `  Operator token: npm run token -- --subject you@example.com --scope waves:write`,
      '',
    ].join('\n'),
  );
  if (demo) {
    const url = (name: string) => services.find((service) => service.name === name)!.url;
    const legacy = new LegacyCiamClient(legacyCiam.origin);
    let legacyAccountIds: string[] = [];
    let faults: RunningFaults | undefined;
    try {
      const wave = await runDemoMigration({
        accounts,
        identityMatchingUrl: url('identity-matching'),
        resetIssuanceUrl: url('reset-issuance'),
        workDir: path.join(root, 'tmp/demo'),
        mailDir,
        // The legacy system holds the same accounts as its export, each with sessions opened before the migration.
        onDirectoriesWritten: async ({ legacyPath }) => {
          const seeded = await seedFromDirectoryFile(legacyCiam.state.store, legacyPath);
          legacyAccountIds = seeded.ids;
          process.stdout.write(
            `Seeded the legacy-CIAM simulator with ${seeded.ids.length} accounts and their sessions\n`,
          );
        },
      });
      faults = await failFirstRevocations(legacy);
      const token = await mintOperatorToken({
        subject: 'demo-operator@rekey.local',
        scopes: ['enrolments:read'],
        ttlSeconds: 3_600,
      });
      const tally = await runCustomerSimulation({
        mailDir,
        since: wave.launchedAt,
        contacts: wave.contacts,
        noticesDir: enrollmentMailDir,
        enrollment: { url: url('enrollment'), token, waveId: wave.waveId },
      });
      await runMigrationEnd({
        legacy,
        faults,
        enrolled: tally.enrolledCount,
        legacyAccountIds,
        kafkaBrokers: stack.kafkaBrokers,
        waveId: wave.waveId,
        sessionRevocation: {
          url: url('session-revocation'),
          token: await mintOperatorToken({
            subject: 'demo-operator@rekey.local',
            scopes: ['revocations:read'],
            ttlSeconds: 3_600,
          }),
        },
        audit: {
          url: url('audit'),
          token: await mintOperatorToken({
            subject: 'demo-operator@rekey.local',
            scopes: ['audit:read'],
            ttlSeconds: 3_600,
          }),
        },
      });
    } catch (error) {
      // A demo that stopped half-way leaves the legacy system healthy for whoever tries it by hand.
      await faults?.stop().catch(() => undefined);
      process.stderr.write(`\nThe demo migration stopped: ${(error as Error).message}\n`);
      process.stderr.write(
        `The services are still up; their logs are in ${path.relative(process.cwd(), logDir)}.\n`,
      );
    }
  }
  process.stdout.write(
    stack.startedHere
      ? '\nPress Ctrl-C to stop everything.\n'
      : '\nPress Ctrl-C to stop the services (the local stack stays up).\n',
  );
}

void main();
