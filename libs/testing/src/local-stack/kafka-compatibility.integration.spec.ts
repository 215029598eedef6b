import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners, type Admin, type Consumer, type Producer } from 'kafkajs';
import { ensureLocalStack } from './local-stack';

// Proves that the pinned broker (tools/kafka/pom.xml) and kafkajs 2.2.4 agree on everything the
// platform relies on: idempotent acks=all produce, group membership, rebalancing and commits.

interface Received {
  partition: number;
  offset: string;
  key: string;
  value: string;
}

interface TrackedConsumer {
  consumer: Consumer;
  received: Received[];
  /** Partitions of the test topic from this member's latest group join. */
  assigned(): number[];
}

let kafka: Kafka;
let admin: Admin;
const topics: string[] = [];
let clients: Array<Producer | Consumer> = [];

beforeAll(async () => {
  const stack = await ensureLocalStack();
  kafka = new Kafka({
    clientId: 'compatibility-test',
    brokers: stack.kafkaBrokers,
    logLevel: logLevel.NOTHING,
  });
  admin = kafka.admin();
  await admin.connect();
});

afterEach(async () => {
  await Promise.all(clients.map((client) => client.disconnect()));
  clients = [];
});

afterAll(async () => {
  // Unique topics per test: delete them so the broker's data does not grow run after run.
  if (topics.length > 0) await admin.deleteTopics({ topics }).catch(() => undefined);
  await admin.disconnect();
});

async function freshTopic(name: string, numPartitions = 3): Promise<string> {
  const topic = `compatibility.${name}.${randomUUID().slice(0, 8)}`;
  await admin.createTopics({
    waitForLeaders: true,
    topics: [{ topic, numPartitions, replicationFactor: 1 }],
  });
  topics.push(topic);
  return topic;
}

function freshGroup(name: string): string {
  return `compatibility-${name}-${randomUUID().slice(0, 8)}`;
}

async function idempotentProducer(): Promise<Producer> {
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  clients.push(producer);
  await producer.connect();
  return producer;
}

async function startConsumer(
  topic: string,
  groupId: string,
  options: { commit?: (received: Received) => boolean } = {},
): Promise<TrackedConsumer> {
  const consumer = kafka.consumer({
    groupId,
    heartbeatInterval: 300,
    sessionTimeout: 10_000,
    rebalanceTimeout: 10_000,
    maxWaitTimeInMs: 200,
  });
  clients.push(consumer);
  let assignment: number[] = [];
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    assignment = [...(payload.memberAssignment[topic] ?? [])].sort();
  });
  const received: Received[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    autoCommit: options.commit === undefined,
    eachMessage: async ({ partition, message }) => {
      const entry = {
        partition,
        offset: message.offset,
        key: message.key?.toString() ?? '',
        value: message.value?.toString() ?? '',
      };
      received.push(entry);
      if (options.commit?.(entry)) {
        await consumer.commitOffsets([{ topic, partition, offset: String(Number(message.offset) + 1) }]);
      }
    },
  });
  return { consumer, received, assigned: () => assignment };
}

async function eventually(condition: () => boolean, description: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the local Kafka broker with kafkajs 2.2.4', () => {
  it('accepts an idempotent producer with acks=all, and a consumer group reads every message in key order', async () => {
    const topic = await freshTopic('produce');
    const producer = await idempotentProducer();
    const messages = Array.from({ length: 30 }, (_, index) => ({
      key: `account-${index % 5}`,
      value: String(index),
    }));

    const written = await producer.send({ topic, acks: -1, messages });

    expect(written.every((record) => record.errorCode === 0)).toBe(true);
    const reader = await startConsumer(topic, freshGroup('produce'));
    await eventually(() => reader.received.length === messages.length, 'every message was read');
    for (let account = 0; account < 5; account++) {
      const values = reader.received
        .filter((entry) => entry.key === `account-${account}`)
        .map((entry) => Number(entry.value));
      expect(values).toEqual([...values].sort((a, b) => a - b));
      expect(values).toHaveLength(6);
    }
    // One key, one partition: that is what keeps an account's events in order.
    const partitionsOfFirstAccount = new Set(
      reader.received.filter((entry) => entry.key === 'account-0').map((entry) => entry.partition),
    );
    expect(partitionsOfFirstAccount.size).toBe(1);
  }, 30_000);

  it('splits the partitions when a second consumer joins, and gives them all back to the first when it leaves', async () => {
    const topic = await freshTopic('rebalance');
    const groupId = freshGroup('rebalance');
    const first = await startConsumer(topic, groupId);
    await eventually(() => first.assigned().length === 3, 'the first consumer owns all three partitions');

    const second = await startConsumer(topic, groupId);
    await eventually(
      () =>
        first.assigned().length > 0 &&
        second.assigned().length > 0 &&
        first.assigned().length + second.assigned().length === 3,
      'the two consumers share the partitions',
    );
    expect(new Set([...first.assigned(), ...second.assigned()])).toEqual(new Set([0, 1, 2]));

    await second.consumer.disconnect();
    await eventually(() => first.assigned().length === 3, 'the remaining consumer took every partition over');
    const producer = await idempotentProducer();
    await producer.send({
      topic,
      acks: -1,
      messages: [0, 1, 2].map((partition) => ({ partition, key: `p${partition}`, value: 'after-leave' })),
    });
    await eventually(
      () =>
        new Set(
          first.received.filter((entry) => entry.value === 'after-leave').map((entry) => entry.partition),
        ).size === 3,
      'the remaining consumer read from every partition',
    );
  }, 30_000);

  it('resumes a restarted consumer right after the last offset it committed', async () => {
    const topic = await freshTopic('commits', 1);
    const groupId = freshGroup('commits');
    const producer = await idempotentProducer();
    await producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: 10 }, (_, index) => ({ key: 'account', value: String(index) })),
    });

    // Commits the first four only, as if the process died while handling the fifth.
    let committed = 0;
    const crashing = await startConsumer(topic, groupId, { commit: () => ++committed <= 4 });
    await eventually(() => crashing.received.length === 10, 'the first consumer saw every message');
    await crashing.consumer.disconnect();

    const [stored] = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect(stored?.partitions).toEqual([expect.objectContaining({ partition: 0, offset: '4' })]);
    const restarted = await startConsumer(topic, groupId, { commit: () => true });
    await eventually(() => restarted.received.length === 6, 'the restarted consumer read the rest');
    expect(restarted.received.map((entry) => entry.value)).toEqual(['4', '5', '6', '7', '8', '9']);
  }, 30_000);
});
