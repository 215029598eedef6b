import { allTopics } from '@rekey/contracts';
import { Kafka, logLevel } from 'kafkajs';

const partitionsPerTopic = 3;

/**
 * Creates every platform topic that is missing, up front: with KRaft, a consumer subscribing to a
 * topic that is still being auto-created can fail with "This server does not host this
 * topic-partition". Dead-letter topics get one partition; order there does not matter.
 */
export async function ensurePlatformTopics(brokers: string[]): Promise<void> {
  const admin = new Kafka({ clientId: 'rekey-local-stack', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = allTopics().filter((topic) => !existing.has(topic));
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
  } finally {
    await admin.disconnect();
  }
}
