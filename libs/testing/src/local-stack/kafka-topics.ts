import { allTopics } from '@rekey/contracts';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { dropLeftoverNamespaces } from './topic-namespaces';

const partitionsPerTopic = 3;

/**
 * Creates every platform topic that is missing, up front: with KRaft, a consumer subscribing to a
 * topic that is still being auto-created can fail with "This server does not host this
 * topic-partition". Dead-letter topics get one partition; order there does not matter. With a
 * prefix, it creates that namespace's copies (what services started with KAFKA_TOPIC_PREFIX use),
 * having deleted the namespaces earlier runs left behind.
 */
export async function ensurePlatformTopics(brokers: string[], prefix = ''): Promise<void> {
  await withAdmin(brokers, async (admin) => {
    if (prefix !== '') await dropLeftoverNamespaces(admin);
    const existing = new Set(await admin.listTopics());
    const missing = allTopics()
      .map((topic) => `${prefix}${topic}`)
      .filter((topic) => !existing.has(topic));
    if (missing.length === 0) return;
    // Another process may create the same topics at the same moment: "already exists" is success.
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: topic.endsWith('.dlq') ? 1 : partitionsPerTopic,
        replicationFactor: 1,
      })),
    });
  });
}

/** Deletes a namespace's copies of the platform topics, once nothing reads or writes them. */
export async function deletePlatformTopics(brokers: string[], prefix: string): Promise<void> {
  if (prefix === '') throw new Error('refusing to delete the platform topics themselves');
  await withAdmin(brokers, async (admin) => {
    const existing = new Set(await admin.listTopics());
    const topics = allTopics()
      .map((topic) => `${prefix}${topic}`)
      .filter((topic) => existing.has(topic));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  });
}

/** Runs `use` with a connected admin client of the broker, disconnected afterwards. */
export async function withAdmin(brokers: string[], use: (admin: Admin) => Promise<void>): Promise<void> {
  const admin = new Kafka({ clientId: 'rekey-local-stack', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await use(admin);
  } finally {
    await admin.disconnect();
  }
}
