import { randomUUID } from 'node:crypto';
import { ensureLocalStack } from '@rekey/testing';
import { Kafka, logLevel } from 'kafkajs';

export interface ReadMessage {
  topic: string;
  key: string;
  /** Body and header values as text, for searching. */
  text: string;
}

/**
 * Every message on these topics (under the platform's prefix) up to their current ends, read by
 * a group of its own from the beginning: what any consumer of them could see.
 */
export async function readAllMessages(prefix: string, topics: readonly string[]): Promise<ReadMessage[]> {
  const { kafkaBrokers } = await ensureLocalStack();
  const kafka = new Kafka({
    clientId: 'e2e-topic-reader',
    brokers: kafkaBrokers,
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  const remaining = new Map<string, bigint>();
  try {
    for (const topic of topics) {
      for (const partition of await admin.fetchTopicOffsets(`${prefix}${topic}`)) {
        if (BigInt(partition.high) > BigInt(partition.low)) {
          remaining.set(`${prefix}${topic}:${partition.partition}`, BigInt(partition.high));
        }
      }
    }
  } finally {
    await admin.disconnect();
  }
  const messages: ReadMessage[] = [];
  if (remaining.size === 0) return messages;
  const consumer = kafka.consumer({ groupId: `e2e-reader-${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: topics.map((topic) => `${prefix}${topic}`), fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`topics not read to their end: ${[...remaining.keys()]}`)),
        60_000,
      );
      void consumer.run({
        eachMessage: async ({ topic, partition, message }) => {
          const headers = Object.values(message.headers ?? {}).map((value) => String(value ?? ''));
          messages.push({
            topic: topic.slice(prefix.length),
            key: message.key?.toString('utf8') ?? '',
            text: [message.value?.toString('utf8') ?? '', ...headers].join('\n'),
          });
          const id = `${topic}:${partition}`;
          const end = remaining.get(id);
          if (end !== undefined && BigInt(message.offset) + 1n >= end) remaining.delete(id);
          if (remaining.size === 0) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return messages;
}
