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
    await createTopicsWithLeaders(
      admin,
      missing.map((topic) => ({ topic, numPartitions: topic.endsWith('.dlq') ? 1 : partitionsPerTopic })),
    );
  });
}

/** Errors a just-created topic's metadata answers until the broker has taken it in. */
const NOT_YET_THERE = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);
const leadersWithinMs = 30_000;

/**
 * Creates the topics, then waits until every partition has a leader. kafkajs's own wait retries
 * only "leader not available"; a broker busy with a test run can still answer "This server does
 * not host this topic-partition" for a topic it has just created, which failed whole test files.
 */
export async function createTopicsWithLeaders(
  admin: Admin,
  topics: ReadonlyArray<{ topic: string; numPartitions: number }>,
): Promise<void> {
  await admin.createTopics({
    waitForLeaders: false,
    topics: topics.map((topic) => ({ ...topic, replicationFactor: 1 })),
  });
  const names = topics.map((topic) => topic.topic);
  const deadline = Date.now() + leadersWithinMs;
  for (;;) {
    try {
      const { topics: described } = await admin.fetchTopicMetadata({ topics: names });
      const led = described.every(
        (topic) =>
          topic.partitions.length > 0 && topic.partitions.every((partition) => partition.leader >= 0),
      );
      if (led) return;
    } catch (error) {
      if (!NOT_YET_THERE.has(String((error as { type?: unknown }).type))) throw error;
    }
    if (Date.now() > deadline)
      throw new Error(`topics without a leader after ${leadersWithinMs} ms: ${names.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
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
