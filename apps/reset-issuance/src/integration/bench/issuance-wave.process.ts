/**
 * Reset-issuance benchmark: a 100,000-account wave at a pace far above what the machine can do,
 * issued by one scheduler. Counts from the first link to the last link delivered and its
 * ResetTokenIssuedV1 acknowledged by Kafka: token, hash, database, outbox, relay and broker.
 * Advance notices are left out so links alone are measured.
 *
 * The headline figure hands each message to a transport that accepts it at once, as an MTA's
 * queue would: what is measured is the issuance pipeline the issue defines, not a mail server.
 * The same wave is then issued again through the file notifier (one .eml per message, built by
 * nodemailer), the adapter `npm start` uses, and reported beside it.
 *
 * Run by `npm run bench -- issuance` as a process of its own (`node issuance-wave.process.js`),
 * since no other project may import the app; prints its figures as JSON on stdout.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '@rekey/background';
import { SettableClock } from '@rekey/background/testing';
import { KafkajsBrokerClient, OutboxRelay, silentLogger } from '@rekey/messaging';
import { progress, runAsBenchProcess, type Metric } from '@rekey/benchmarking';
import type { Delivery, Notifier, OutgoingMessage } from '@rekey/notifications';
import { createIsolatedTopics, ensureLocalStack } from '@rekey/testing';
import {
  buildScheduler,
  fileNotifier,
  launchWave,
  scratchDatabase,
  seedAccounts,
  testSettings,
} from '../issuance-fixture';

const accounts = 100_000;

/** Accepts every message at once and counts them: the measurement boundary, not a fake result. */
class AcceptingNotifier implements Notifier {
  accepted = 0;

  send(message: OutgoingMessage): Promise<Delivery> {
    this.accepted += 1;
    return Promise.resolve({ messageId: message.id, transport: 'accepting' });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

async function measureIssuance(): Promise<Metric[]> {
  const accepting = new AcceptingNotifier();
  const pipeline = await issueWave('pipeline', accepting);
  if (accepting.accepted !== accounts) {
    throw new Error(`${accepting.accepted} messages handed over for ${accounts} links`);
  }
  const directory = await mkdtemp(path.join(os.tmpdir(), 'rekey-bench-mail-'));
  try {
    const files = await issueWave('file notifier', fileNotifier(directory));
    return [
      {
        metric: 'issuance.links_per_s',
        value: Math.round(accounts / pipeline.seconds),
        unit: 'links/s',
        target: '>= 5000',
      },
      { metric: 'issuance.launch_s_100k', value: pipeline.launchSeconds, unit: 's', target: 'reported' },
      {
        metric: 'issuance.file_notifier_links_per_s',
        value: Math.round(accounts / files.seconds),
        unit: 'links/s',
        target: 'reported',
      },
    ];
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** Issues a fresh 100,000-account wave through `notifier`; seconds from first issue to last ack. */
async function issueWave(
  label: string,
  notifier: Notifier,
): Promise<{ seconds: number; launchSeconds: number }> {
  const stack = await ensureLocalStack();
  const { dataSource, url } = await scratchDatabase('bench_issuance');
  const topicPrefix = await createIsolatedTopics(['rekey.reset'], 3);
  const broker = new KafkajsBrokerClient({
    brokers: stack.kafkaBrokers,
    clientId: 'bench-issuance',
    topicPrefix,
  });
  const relay = new OutboxRelay({
    databaseUrl: url,
    producer: await broker.producer(),
    logger: silentLogger,
    batchSize: 1_000,
    pollIntervalMs: 100,
  });
  try {
    progress(`reset-issuance (${label})`, `seeding ${accounts} eligible accounts...`);
    const ids = await seedAccounts(dataSource, 'bench', accounts);
    // The service's defaults for the window and its records, as deployed.
    const settings = testSettings({
      ISSUANCE_BATCH_SIZE: 500,
      SEND_CONCURRENCY: 64,
      DELIVERY_MAX_IN_FLIGHT: 500,
    });
    const launchStarted = performance.now();
    await launchWave(dataSource, new SettableClock(new Date()), settings, ids, { pacePerSecond: 100_000 });
    const launchSeconds = (performance.now() - launchStarted) / 1000;
    await dataSource.query(`UPDATE notice SET status = 'skipped'`);
    relay.start();
    // Let the relay publish the launch event first, so only issuance is timed.
    await waitFor(async () => (await unsent(dataSource)) === 0);

    progress(`reset-issuance (${label})`, 'issuing...');
    const clock = { now: () => systemClock.now(), newId: () => systemClock.newId() };
    const scheduler = buildScheduler(dataSource, notifier, clock, settings);
    const started = performance.now();
    await scheduler.runUntilIdle();
    await waitFor(async () => (await unsent(dataSource)) === 0);
    const seconds = (performance.now() - started) / 1000;

    const [{ delivered }] = await dataSource.query(
      `SELECT count(*)::int AS delivered FROM reset_token WHERE status = 'live' AND delivered_at IS NOT NULL`,
    );
    if (delivered !== accounts) throw new Error(`only ${delivered} of ${accounts} links were delivered`);
    progress(`reset-issuance (${label})`, `${accounts} links in ${seconds.toFixed(1)} s`);
    return { seconds, launchSeconds };
  } finally {
    await relay.stop();
    await broker.close();
    await dataSource.destroy();
    await stack.dropScratchDatabase(url);
  }
}

async function unsent(dataSource: {
  query: (sql: string) => Promise<Array<{ count: number }>>;
}): Promise<number> {
  const [row] = await dataSource.query(
    `SELECT count(*)::int AS count FROM outbox_message WHERE sent_at IS NULL`,
  );
  return row?.count ?? 0;
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

runAsBenchProcess(measureIssuance);
