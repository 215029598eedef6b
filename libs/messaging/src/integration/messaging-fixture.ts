import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { ensureLocalStack } from '@rekey/testing';
import { KafkajsBrokerClient } from '../broker/kafkajs-broker.adapter';
import { MessagingTables1767225600000 } from '../schema/messaging-tables.migration';

/** The observable effect of handling an event in the tests: one row per handled event. */
class EffectTable1767225600001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE effect (
        position bigserial PRIMARY KEY,
        event_id uuid NOT NULL,
        subject text NOT NULL,
        sequence integer NOT NULL
      )`);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE effect');
  }
}

export async function scratchDatabase(prefix: string): Promise<{ dataSource: DataSource; url: string }> {
  const stack = await ensureLocalStack();
  const url = await stack.createScratchDatabase(prefix);
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    migrations: [MessagingTables1767225600000, EffectTable1767225600001],
    synchronize: false,
    logging: false,
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  return { dataSource, url };
}

export async function brokerClient(clientId: string, topicPrefix?: string): Promise<KafkajsBrokerClient> {
  const stack = await ensureLocalStack();
  return new KafkajsBrokerClient({ brokers: stack.kafkaBrokers, clientId, ...(topicPrefix ? { topicPrefix } : {}) });
}

/**
 * A topic prefix of the test file's own, with the given platform topics (and their dead-letter
 * topics) created under it: the file publishes real event types without touching the platform's
 * topics, and reads nothing another run wrote.
 */
export async function isolatedTopics(topics: string[]): Promise<string> {
  const prefix = `test-${randomUUID().slice(0, 8)}.`;
  const stack = await ensureLocalStack();
  const admin = new Kafka({ brokers: stack.kafkaBrokers, clientId: 'test-admin', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: topics.flatMap((topic) => [
        { topic: `${prefix}${topic}`, numPartitions: 3, replicationFactor: 1 },
        { topic: `${prefix}${topic}.dlq`, numPartitions: 1, replicationFactor: 1 },
      ]),
    });
  } finally {
    await admin.disconnect();
  }
  return prefix;
}

/** A fresh topic and its dead-letter topic, so each test reads only what it wrote. */
export async function freshTopic(name: string, partitions = 3): Promise<string> {
  const stack = await ensureLocalStack();
  const topic = `test.${name}.${randomUUID().slice(0, 8)}`;
  const admin = new Kafka({ brokers: stack.kafkaBrokers, clientId: 'test-admin', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic, numPartitions: partitions, replicationFactor: 1 },
        { topic: `${topic}.dlq`, numPartitions: 1, replicationFactor: 1 },
      ],
    });
  } finally {
    await admin.disconnect();
  }
  return topic;
}

type ReadMessage = { key: string | null; value: Buffer | null; headers: Record<string, string | undefined> };

/** The messages on a topic that match, read by a throwaway group until `count` have arrived. */
export async function readTopic(
  topic: string,
  count: number,
  options: { timeoutMs?: number; topicPrefix?: string; matches?: (message: ReadMessage) => boolean } = {},
): Promise<ReadMessage[]> {
  const { timeoutMs = 30_000, topicPrefix, matches = () => true } = options;
  const client = await brokerClient('test-reader', topicPrefix);
  const seen: ReadMessage[] = [];
  await client.subscribe({ groupId: `reader-${randomUUID()}`, topics: [topic] }, async (batch, control) => {
    seen.push(...batch.messages.filter(matches));
    await control.commitThrough(batch.messages[batch.messages.length - 1]!.offset);
  });
  try {
    await eventually(() => seen.length >= count, timeoutMs);
    // Give a duplicate the chance to show up before the caller counts.
    await new Promise((resolve) => setTimeout(resolve, 500));
    return seen;
  } finally {
    await client.close();
  }
}

export async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
