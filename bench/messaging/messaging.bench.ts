/**
 * Messaging benchmark: events committed to one service's outbox until their effect commits in
 * another service's inbox transaction, through the relay, a real Kafka broker and a real
 * PostgreSQL, each service in its own process. Prints throughput, then latency percentiles at a
 * fixed rate of 1,000 events/s (one transaction per event).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { EventConsumer, KafkajsBrokerClient, messagingMigrations, silentLogger } from '@rekey/messaging';
import { createIsolatedTopics, ensureLocalStack, openScratchDataSource } from '@rekey/testing';
import type { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import type { RekeyEvent } from '@rekey/contracts';
import { percentile, reportBenchmark } from '../results';
import { benchRegistry, BenchProbeSentV1, wallClockMs } from './bench-event';

class BenchEffect1767225600002 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE bench_effect (event_id uuid PRIMARY KEY, sequence integer NOT NULL)',
    );
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE bench_effect');
  }
}

const burstEvents = 50_000;
const fixedRate = 1_000;
const fixedRateSeconds = 15;

/** The consuming service: records each event's effect and, after commit, its latency. */
class EffectRecorder {
  latencies: number[] = [];
  private handled = 0;
  private waiter: { target: number; resolve: () => void } | undefined;

  onHandled(events: RekeyEvent[]): void {
    const now = wallClockMs();
    for (const event of events) this.latencies.push(now - (event.data as { writtenAt: number }).writtenAt);
    this.handled += events.length;
    if (this.waiter && this.handled >= this.waiter.target) this.waiter.resolve();
  }

  waitFor(count: number, timeoutMs: number): Promise<void> {
    const target = this.handled + count;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`only ${this.handled} of ${target} events took effect in time`)),
        timeoutMs,
      );
      this.waiter = { target, resolve: () => (clearTimeout(timer), resolve()) };
      if (this.handled >= target) this.waiter.resolve();
    });
  }
}

function runWriter(args: string[]): {
  writing: Promise<number>;
  written: Promise<void>;
  stop: () => Promise<void>;
} {
  const child = spawn(process.execPath, [path.join(__dirname, 'outbox-writer.process.js'), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const said = (word: string) =>
    new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes(word) && resolve(wallClockMs()));
      void exited.then(() => reject(new Error('the writer process exited early')));
    });
  return {
    writing: said('writing'),
    written: said('written').then(() => undefined),
    stop: async () => (child.kill('SIGTERM'), await exited),
  };
}

export async function runMessagingBenchmark(): Promise<void> {
  process.stdout.write('messaging: starting the local stack and the consuming service...\n');
  const stack = await ensureLocalStack();
  const topicPrefix = await createIsolatedTopics([BenchProbeSentV1.topic], 3);
  const outbox = await openScratchDataSource('bench_outbox', messagingMigrations);
  await outbox.dataSource.destroy();
  const inbox = await openScratchDataSource('bench_inbox', [
    ...messagingMigrations,
    BenchEffect1767225600002,
  ]);
  const broker = new KafkajsBrokerClient({
    brokers: stack.kafkaBrokers,
    clientId: 'bench-consumer',
    topicPrefix,
  });
  const recorder = new EffectRecorder();
  const consumer = new EventConsumer({
    name: 'bench.consumer',
    topics: [BenchProbeSentV1.topic],
    handlers: {
      [BenchProbeSentV1.type]: async (event: RekeyEvent, manager: EntityManager) => {
        await manager.query('INSERT INTO bench_effect (event_id, sequence) VALUES ($1, $2)', [
          event.id,
          (event.data as { sequence: number }).sequence,
        ]);
      },
    },
    registry: benchRegistry,
    dataSource: inbox.dataSource,
    broker,
    producer: await broker.producer(),
    logger: silentLogger,
    partitionsConcurrently: 3,
    onHandled: (events) => recorder.onHandled(events),
  });
  await consumer.start();
  while (!consumer.isHealthy()) await new Promise((resolve) => setTimeout(resolve, 50));
  const writerArgs = [outbox.url, stack.kafkaBrokers.join(','), topicPrefix];

  try {
    process.stdout.write(
      `messaging: ${burstEvents} events, 100 per transaction, 4 writers, as fast as they go...\n`,
    );
    const burst = runWriter([...writerArgs, 'burst', String(burstEvents), '100', '4']);
    const done = recorder.waitFor(burstEvents, 300_000);
    // From the first commit to the last effect; the writer process's own start-up is not counted.
    const started = await burst.writing;
    await done;
    const eventsPerSecond = burstEvents / ((wallClockMs() - started) / 1000);
    await burst.stop();

    process.stdout.write(
      `messaging: ${fixedRate} events/s for ${fixedRateSeconds} s, one transaction each...\n`,
    );
    recorder.latencies = [];
    const steady = runWriter([...writerArgs, 'rate', String(fixedRate), String(fixedRateSeconds)]);
    await recorder.waitFor(fixedRate * fixedRateSeconds, 120_000);
    await steady.stop();
    const latencies = [...recorder.latencies].sort((a, b) => a - b);

    reportBenchmark('messaging', [
      {
        metric: 'messaging.events_per_s',
        value: Math.round(eventsPerSecond),
        unit: 'events/s',
        target: '>= 5000',
      },
      {
        metric: 'messaging.p50_ms_at_1000',
        value: percentile(latencies, 50),
        unit: 'ms',
        target: 'reported',
      },
      { metric: 'messaging.p99_ms_at_1000', value: percentile(latencies, 99), unit: 'ms', target: '<= 100' },
    ]);
  } finally {
    await consumer.stop();
    await broker.close();
    await inbox.dataSource.destroy();
  }
}
