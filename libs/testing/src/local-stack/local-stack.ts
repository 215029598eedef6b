import { rmSync } from 'node:fs';
import path from 'node:path';
import {
  isPostgresAnswering,
  isPostgresProcess,
  startEmbeddedPostgres,
  stopEmbeddedPostgres,
} from './embedded-postgres';
import { isKafkaAnswering, isKafkaBrokerProcess, startKafkaBroker, stopKafkaBroker } from './kafka-broker';
import { ensureKafkaJars } from './kafka-jars';
import { ensurePlatformTopics } from './kafka-topics';
import { createScratchDatabase, dropScratchDatabase } from './scratch-databases';
import {
  ensureServiceDatabases,
  migrationUrlOf,
  serviceDatabaseUrl,
  type ServiceName,
} from './service-databases';
import { stackSettings, type StackSettings } from './stack-settings';
import { readStackState, writeStackState, type StackState } from './stack-state';
import { withStackLock } from './stack-lock';

/** A running Kafka broker and PostgreSQL server with the platform's topics and databases. */
export interface LocalStack {
  kafkaBrokers: string[];
  /** A superuser URL of the server's `postgres` database. */
  postgresAdminUrl: string;
  /** The URL a service connects with: its own login role on its own database. */
  databaseUrl(service: string): string;
  /**
   * DATABASE_MIGRATION_URL for `databaseUrl` (the service's own or a scratch database): the
   * owner's credentials, for a service that does not own its database; nothing otherwise.
   */
  migrationUrl(service: string, databaseUrl: string): string | undefined;
  /**
   * A fresh, uniquely named database for one test file; returns its URL, with admin credentials,
   * or owned by and reached as `service`'s role when given.
   */
  createScratchDatabase(prefix: string, service?: ServiceName): Promise<string>;
  /** Drops a database createScratchDatabase made, at once rather than as a leftover. */
  dropScratchDatabase(url: string): Promise<void>;
  /**
   * Whether this process started the broker or the database (rather than finding them running,
   * or using external ones): only then is it this process's to stop when it is done.
   */
  startedHere: boolean;
}

export interface LocalStackStatus {
  kafka: { source: 'external' | 'local'; brokers: string[]; pid?: number; running: boolean };
  postgres: { source: 'external' | 'local'; adminUrl?: string; pid?: number; running: boolean };
}

let current: Promise<LocalStack> | undefined;

/**
 * Starts the local broker and database, or reuses the ones already running (recorded in the stack
 * folder), or uses external ones named by KAFKA_BROKERS / REKEY_POSTGRES_URL. Creates the platform
 * topics and the per-service databases. Safe to call repeatedly and from several processes at
 * once; the processes outlive the caller until stopLocalStack().
 */
export function ensureLocalStack(): Promise<LocalStack> {
  current ??= bringUp(stackSettings()).catch((error: unknown) => {
    current = undefined;
    throw error;
  });
  return current;
}

/** Stops what the stack started (never external services); `purge` also deletes their data. */
export async function stopLocalStack(options: { purge?: boolean } = {}): Promise<void> {
  const settings = stackSettings();
  current = undefined;
  await withStackLock(settings.stackDir, async () => {
    const state = readStackState(settings.stackDir);
    await Promise.all([
      state.kafka ? stopKafkaBroker(state.kafka.pid) : undefined,
      state.postgres ? stopEmbeddedPostgres(state.postgres.pid) : undefined,
    ]);
    writeStackState(settings.stackDir, {});
    if (options.purge) {
      for (const folder of ['kafka', 'postgres']) {
        rmSync(path.join(settings.stackDir, folder), { recursive: true, force: true });
      }
    }
  });
}

/** What is running now, without starting anything. */
export async function localStackStatus(): Promise<LocalStackStatus> {
  const settings = stackSettings();
  const state = readStackState(settings.stackDir);
  const brokers = settings.externalKafkaBrokers ?? state.kafka?.brokers ?? [];
  const adminUrl = settings.externalPostgresUrl ?? state.postgres?.adminUrl;
  return {
    kafka: {
      source: settings.externalKafkaBrokers ? 'external' : 'local',
      brokers,
      pid: settings.externalKafkaBrokers ? undefined : state.kafka?.pid,
      running: brokers.length > 0 && (await isKafkaAnswering(brokers)),
    },
    postgres: {
      source: settings.externalPostgresUrl ? 'external' : 'local',
      adminUrl,
      pid: settings.externalPostgresUrl ? undefined : state.postgres?.pid,
      running: adminUrl !== undefined && (await isPostgresAnswering(adminUrl)),
    },
  };
}

async function bringUp(settings: StackSettings): Promise<LocalStack> {
  const { externalKafkaBrokers, externalPostgresUrl } = settings;
  const { kafkaBrokers, postgresAdminUrl, startedHere } =
    externalKafkaBrokers && externalPostgresUrl
      ? { kafkaBrokers: externalKafkaBrokers, postgresAdminUrl: externalPostgresUrl, startedHere: false }
      : await withStackLock(settings.stackDir, () => startOrReuse(settings));
  await Promise.all([ensurePlatformTopics(kafkaBrokers), ensureServiceDatabases(postgresAdminUrl)]);
  return {
    kafkaBrokers,
    postgresAdminUrl,
    databaseUrl: (service) => serviceDatabaseUrl(postgresAdminUrl, service),
    migrationUrl: (service, databaseUrl) => migrationUrlOf(postgresAdminUrl, databaseUrl, service),
    createScratchDatabase: (prefix, service) => createScratchDatabase(postgresAdminUrl, prefix, service),
    dropScratchDatabase: (url) => dropScratchDatabase(postgresAdminUrl, url),
    startedHere,
  };
}

async function startOrReuse(
  settings: StackSettings,
): Promise<{ kafkaBrokers: string[]; postgresAdminUrl: string; startedHere: boolean }> {
  const state = readStackState(settings.stackDir);
  const [kafka, postgres] = await Promise.allSettled([
    settings.externalKafkaBrokers ? undefined : reuseOrStartKafka(settings, state.kafka),
    settings.externalPostgresUrl ? undefined : reuseOrStartPostgres(settings, state.postgres),
  ]);
  const started: StackState = {
    kafka: kafka.status === 'fulfilled' ? kafka.value : undefined,
    postgres: postgres.status === 'fulfilled' ? postgres.value : undefined,
  };
  // Record whatever did start, even if the other failed, so `down` can still stop it.
  writeStackState(settings.stackDir, started);
  if (kafka.status === 'rejected') throw kafka.reason;
  if (postgres.status === 'rejected') throw postgres.reason;
  const kafkaBrokers = settings.externalKafkaBrokers ?? started.kafka?.brokers;
  const postgresAdminUrl = settings.externalPostgresUrl ?? started.postgres?.adminUrl;
  if (!kafkaBrokers || !postgresAdminUrl)
    throw new Error('The local stack neither started nor found its services');
  // A reused service comes back as the very record that was read.
  const startedHere =
    (started.kafka !== undefined && started.kafka !== state.kafka) ||
    (started.postgres !== undefined && started.postgres !== state.postgres);
  return { kafkaBrokers, postgresAdminUrl, startedHere };
}

async function reuseOrStartKafka(
  settings: StackSettings,
  recorded: StackState['kafka'],
): Promise<StackState['kafka']> {
  if (recorded && isKafkaBrokerProcess(recorded.pid)) {
    if (await isKafkaAnswering(recorded.brokers)) return recorded;
    // We hold the lock, so nobody is still starting it: it is stuck.
    await stopKafkaBroker(recorded.pid);
  }
  const libsDir = await ensureKafkaJars(settings);
  const started = Date.now();
  const broker = await startKafkaBroker({
    dir: path.join(settings.stackDir, 'kafka'),
    libsDir,
    port: settings.kafkaPort,
    controllerPort: settings.kafkaControllerPort,
  });
  report(`Kafka ${settings.kafkaVersion} on ${broker.brokers.join(',')}`, started);
  return { ...broker, startedAt: new Date().toISOString() };
}

async function reuseOrStartPostgres(
  settings: StackSettings,
  recorded: StackState['postgres'],
): Promise<StackState['postgres']> {
  if (recorded && isPostgresProcess(recorded.pid)) {
    if (await isPostgresAnswering(recorded.adminUrl)) return recorded;
    await stopEmbeddedPostgres(recorded.pid);
  }
  const started = Date.now();
  const server = await startEmbeddedPostgres({
    dir: path.join(settings.stackDir, 'postgres'),
    port: settings.postgresPort,
  });
  report(`PostgreSQL on 127.0.0.1:${settings.postgresPort}`, started);
  return { ...server, startedAt: new Date().toISOString() };
}

function report(what: string, since: number): void {
  process.stderr.write(`local stack: started ${what} in ${((Date.now() - since) / 1000).toFixed(1)} s\n`);
}
