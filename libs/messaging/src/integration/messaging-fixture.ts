import { randomUUID } from 'node:crypto';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { createIsolatedTopics, ensureLocalStack, openScratchDataSource } from '@rekey/testing';
import { KafkajsBrokerClient } from '../broker/kafkajs-broker.adapter';
import type { BrokerProducer } from '../broker/broker.port';
import { messagingMigrations } from '../schema/messaging-migrations';

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

export function scratchDatabase(prefix: string): Promise<{ dataSource: DataSource; url: string }> {
  return openScratchDataSource(prefix, [...messagingMigrations, EffectTable1767225600001]);
}

export async function brokerClient(clientId: string, topicPrefix?: string): Promise<KafkajsBrokerClient> {
  const stack = await ensureLocalStack();
  return new KafkajsBrokerClient({
    brokers: stack.kafkaBrokers,
    clientId,
    ...(topicPrefix ? { topicPrefix } : {}),
  });
}

export const isolatedTopics = createIsolatedTopics;

export interface PublishingBed {
  database: { dataSource: DataSource; url: string };
  topicPrefix: string;
  producer: BrokerProducer;
}

/**
 * For a describe block: a scratch database with the messaging tables, topics of its own and a
 * producer on them, set up before its tests and closed after. Read the fields inside the tests.
 */
export function publishingBed(name: string, topics: string[]): PublishingBed {
  const bed = {} as PublishingBed;
  let broker: KafkajsBrokerClient;
  beforeAll(async () => {
    bed.database = await scratchDatabase(name);
    bed.topicPrefix = await isolatedTopics(topics);
    broker = await brokerClient(`${name}-test`, bed.topicPrefix);
    bed.producer = await broker.producer();
  });
  afterAll(async () => {
    await broker?.close();
    await bed.database?.dataSource.destroy();
  });
  return bed;
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

export async function eventually(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
