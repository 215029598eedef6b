import { spawn } from 'node:child_process';
import path from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import { ensureLocalStack } from '@rekey/testing';
import type { RekeyEvent } from '@rekey/contracts';
import type { KafkajsBrokerClient } from '../broker/kafkajs-broker.adapter';
import type { BrokerProducer } from '../broker/broker.port';
import { EventConsumer } from '../inbox/event-consumer';
import { silentLogger } from '../messaging-logger';
import { OutboxRelay } from '../outbox/outbox-relay';
import { appendToOutbox } from '../outbox/outbox-writer';
import { brokerClient, eventually, isolatedTopics, readTopic, scratchDatabase } from './messaging-fixture';
import { probe, probeRegistry, ProbeRecordedV1, runId } from './probe-event';

const root = path.resolve(__dirname, '../../../..');

/** Runs outbox-process.ts in a child process and returns what it printed once it was killed. */
function runDyingProcess(mode: string, url: string, brokers: string[], topicPrefix: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '-r',
        path.join(root, 'tools/register.cjs'),
        path.join(__dirname, 'outbox-process.ts'),
        mode,
        url,
        brokers.join(','),
        topicPrefix,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NODE_OPTIONS: '' } },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve(output.trim());
      else reject(new Error(`${mode} exited with ${code} instead of being killed`));
    });
  });
}

describe('a service killed mid-way', () => {
  let database: { dataSource: DataSource; url: string };
  let broker: KafkajsBrokerClient;
  let producer: BrokerProducer;
  let brokers: string[];
  let topicPrefix: string;

  beforeAll(async () => {
    brokers = (await ensureLocalStack()).kafkaBrokers;
    database = await scratchDatabase('crash_recovery');
    topicPrefix = await isolatedTopics([ProbeRecordedV1.topic]);
    broker = await brokerClient('crash-test', topicPrefix);
    producer = await broker.producer();
  });

  afterAll(async () => {
    await broker.close();
    await database.dataSource.destroy();
  });

  it('publishes, after restart, an event committed just before the kill — exactly once', async () => {
    const eventId = await runDyingProcess('commit-then-die', database.url, brokers, topicPrefix);
    expect(eventId).toMatch(/^[0-9a-f-]{36}$/);

    const restarted = new OutboxRelay({
      databaseUrl: database.url,
      producer,
      logger: silentLogger,
      pollIntervalMs: 100,
    });
    restarted.start();
    try {
      const messages = await readTopic(ProbeRecordedV1.topic, 1, { topicPrefix });
      expect(messages.map((message) => message.headers['ce_id'])).toEqual([eventId]);
    } finally {
      await restarted.stop();
    }
  });

  it('republishes after a kill between publishing and marking sent, and the consumer has one effect', async () => {
    const subject = `${runId()}-published-then-killed`;
    const event = probe(subject, 1);
    await database.dataSource.transaction((manager) => appendToOutbox(manager, [event]));
    await runDyingProcess('publish-then-die', database.url, brokers, topicPrefix);

    const [{ sent }] = await database.dataSource.query(
      'SELECT sent_at IS NOT NULL AS sent FROM outbox_message WHERE event_id = $1',
      [event.id],
    );
    expect(sent).toBe(false);

    const restarted = new OutboxRelay({
      databaseUrl: database.url,
      producer,
      logger: silentLogger,
      pollIntervalMs: 100,
    });
    restarted.start();
    const consumerDatabase = await scratchDatabase('crash_consumer');
    const consumer = new EventConsumer({
      name: `test.crash.${runId()}`,
      topics: [ProbeRecordedV1.topic],
      handlers: {
        [ProbeRecordedV1.type]: async (handled: RekeyEvent, manager: EntityManager) => {
          if (handled.subject !== subject) return;
          await manager.query('INSERT INTO effect (event_id, subject, sequence) VALUES ($1, $2, 1)', [
            handled.id,
            handled.subject,
          ]);
        },
      },
      registry: probeRegistry,
      dataSource: consumerDatabase.dataSource,
      broker,
      producer,
      logger: silentLogger,
    });
    await consumer.start();
    try {
      const copies = await readTopic(ProbeRecordedV1.topic, 2, {
        topicPrefix,
        matches: (message) => message.key === subject,
      });
      expect(copies.map((message) => message.headers['ce_id'])).toEqual([event.id, event.id]);
      await eventually(async () => {
        const [{ count }] = await consumerDatabase.dataSource.query(
          'SELECT count(*)::int AS count FROM effect',
        );
        return count >= 1;
      });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const [{ count }] = await consumerDatabase.dataSource.query(
        'SELECT count(*)::int AS count FROM effect',
      );
      expect(count).toBe(1);
    } finally {
      await consumer.stop();
      await restarted.stop();
      await consumerDatabase.dataSource.destroy();
    }
  });
});
