/**
 * The producing service of the messaging benchmark, in its own process as it would be in
 * production: writers commit events to its outbox and its relay publishes them.
 *   node outbox-writer.process.js <database url> <brokers> <topic prefix> burst <events> <per transaction> <writers>
 *   node outbox-writer.process.js <database url> <brokers> <topic prefix> rate <events per second> <seconds>
 * Prints "writing" as its first commit starts and "written" when its writers are done; publishes until SIGTERM, then flushes and exits.
 */
import { createEvent } from '@rekey/contracts';
import { appendToOutbox, KafkajsBrokerClient, OutboxRelay, silentLogger } from '@rekey/messaging';
import { DataSource } from 'typeorm';
import { BenchProbeSentV1, wallClockMs } from './bench-event';

async function commit(dataSource: DataSource, sequences: number[]): Promise<void> {
  await dataSource.transaction((manager) =>
    appendToOutbox(
      manager,
      sequences.map((sequence) =>
        createEvent(
          BenchProbeSentV1,
          { sequence, writtenAt: wallClockMs() },
          { source: 'bench-writer', subject: `account-${sequence % 1_000}` },
        ),
      ),
    ),
  );
}

async function burst(
  dataSource: DataSource,
  events: number,
  perTransaction: number,
  writers: number,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (next < events) {
        const first = next;
        next += perTransaction;
        await commit(
          dataSource,
          Array.from({ length: Math.min(perTransaction, events - first) }, (_, index) => first + index),
        );
      }
    }),
  );
}

async function atRate(dataSource: DataSource, perSecond: number, seconds: number): Promise<void> {
  const total = perSecond * seconds;
  const started = performance.now();
  const writes: Promise<void>[] = [];
  for (let sent = 0; sent < total;) {
    const due = Math.floor(((performance.now() - started) / 1000) * perSecond);
    // One transaction per event, as one customer request commits one.
    for (; sent < Math.min(due, total); sent++) writes.push(commit(dataSource, [sent]));
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await Promise.all(writes);
}

async function main(): Promise<void> {
  const [url, brokers, topicPrefix, mode, ...numbers] = process.argv.slice(2) as [
    string,
    string,
    string,
    string,
    ...string[],
  ];
  const [first = 0, second = 0, third = 0] = numbers.map(Number);
  const dataSource = await new DataSource({ type: 'postgres', url, extra: { max: 16 } }).initialize();
  const broker = new KafkajsBrokerClient({
    brokers: brokers.split(','),
    clientId: 'bench-writer',
    topicPrefix,
  });
  const relay = new OutboxRelay({
    databaseUrl: url,
    producer: await broker.producer(),
    logger: silentLogger,
    batchSize: 1_000,
  });
  relay.start();
  process.once('SIGTERM', () => {
    void relay
      .stop()
      .then(() => broker.close())
      .then(() => dataSource.destroy())
      .then(() => process.exit(0));
  });
  process.stdout.write('writing\n');
  if (mode === 'burst') await burst(dataSource, first, second, third);
  else await atRate(dataSource, first, second);
  process.stdout.write('written\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
