import { Kafka, logLevel, type Consumer, type EachBatchPayload } from 'kafkajs';
import type {
  BatchControl,
  BrokerClient,
  BrokerProducer,
  BrokerSubscription,
  IncomingMessage,
  MessageBatch,
  PartitionLag,
  SubscriptionOptions,
} from './broker.port';
import { KafkajsProducer, type WireTopics } from './kafkajs-producer.adapter';
import { patchKafkajsRequestQueue } from './kafkajs-request-queue.patch';

patchKafkajsRequestQueue();

export interface KafkaConnection {
  brokers: string[];
  clientId: string;
  /**
   * Prepended to every topic and consumer group on the wire, so environments (or test runs) can
   * share a cluster without seeing each other's messages or joining each other's groups. The rest
   * of Rekey only ever sees unprefixed names.
   */
  topicPrefix?: string;
  /** kafkajs logs through this; its own console logger is too noisy for JSON logs. */
  log?: (level: 'error' | 'warn' | 'info', message: string, extra: Record<string, unknown>) => void;
}

const levels = { [logLevel.ERROR]: 'error', [logLevel.WARN]: 'warn', [logLevel.INFO]: 'info' } as const;

export class KafkajsBrokerClient implements BrokerClient {
  private readonly kafka: Kafka;
  private readonly closables: Array<() => Promise<void>> = [];
  private readonly topics: TopicNames;

  constructor(connection: KafkaConnection) {
    const log = connection.log;
    this.topics = new TopicNames(connection.topicPrefix ?? '');
    this.kafka = new Kafka({
      clientId: connection.clientId,
      brokers: connection.brokers,
      logLevel: log ? logLevel.WARN : logLevel.NOTHING,
      logCreator: () => (entry) => {
        const level = levels[entry.level as keyof typeof levels];
        if (log && level) log(level, entry.log.message, { ...entry.log, namespace: entry.namespace });
      },
      retry: { initialRetryTime: 200, retries: 8 },
    });
  }

  async producer(): Promise<BrokerProducer> {
    const producer = new KafkajsProducer(this.kafka, this.topics);
    await producer.connect();
    this.closables.push(() => producer.disconnect());
    return producer;
  }

  async subscribe(
    options: SubscriptionOptions,
    onBatch: (batch: MessageBatch, control: BatchControl) => Promise<void>,
  ): Promise<BrokerSubscription> {
    const consumer = this.kafka.consumer({
      groupId: this.topics.group(options.groupId),
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: 100,
      // Bigger fetches mean fewer, larger inbox transactions when a backlog builds up.
      maxBytesPerPartition: 4 * 1024 * 1024,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
    });
    const subscription = new KafkajsSubscription(consumer);
    await consumer.connect();
    await consumer.subscribe({
      topics: options.topics.map((topic) => this.topics.onWire(topic)),
      fromBeginning: options.fromBeginning ?? true,
    });
    await consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: options.partitionsConcurrently ?? 1,
      eachBatch: async (payload) => onBatch(toBatch(payload, this.topics), toControl(payload)),
    });
    this.closables.push(() => subscription.stop());
    return subscription;
  }

  async groupLag(groupId: string, topics: string[]): Promise<PartitionLag[]> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const wireTopics = topics.map((topic) => this.topics.onWire(topic));
      const committed = await admin.fetchOffsets({ groupId: this.topics.group(groupId), topics: wireTopics });
      const lags: PartitionLag[] = [];
      for (const topic of topics) {
        const wireTopic = this.topics.onWire(topic);
        const ends = await admin.fetchTopicOffsets(wireTopic);
        const group = committed.find((entry) => entry.topic === wireTopic)?.partitions ?? [];
        for (const end of ends) {
          const offset = group.find((entry) => entry.partition === end.partition)?.offset ?? '-1';
          // '-1' means the group never committed here: it starts at the partition's first offset.
          const nextOffset = offset === '-1' ? end.low : offset;
          lags.push({
            topic,
            partition: end.partition,
            nextOffset,
            endOffset: end.high,
            lag: Math.max(0, Number(end.high) - Number(nextOffset)),
          });
        }
      }
      return lags;
    } finally {
      await admin.disconnect();
    }
  }

  async ping(): Promise<boolean> {
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      await admin.describeCluster();
      return true;
    } catch {
      return false;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.closables.splice(0).map((close) => close()));
  }
}

class TopicNames implements WireTopics {
  constructor(private readonly prefix: string) {}

  onWire(topic: string): string {
    return `${this.prefix}${topic}`;
  }

  group(groupId: string): string {
    return `${this.prefix}${groupId}`;
  }

  fromWire(topic: string): string {
    return topic.startsWith(this.prefix) ? topic.slice(this.prefix.length) : topic;
  }
}

class KafkajsSubscription implements BrokerSubscription {
  private joined = false;
  private crashed = false;
  private stopped = false;

  constructor(private readonly consumer: Consumer) {
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.joined = true;
    });
    consumer.on(consumer.events.CRASH, (event) => {
      // kafkajs restarts the consumer itself when the error is retriable.
      this.crashed = !event.payload.restart;
    });
  }

  isHealthy(): boolean {
    return this.joined && !this.crashed && !this.stopped;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.consumer.disconnect();
  }
}

function toBatch(payload: EachBatchPayload, topics: TopicNames): MessageBatch {
  const topic = topics.fromWire(payload.batch.topic);
  const { partition } = payload.batch;
  return {
    topic,
    partition,
    messages: payload.batch.messages.map((message): IncomingMessage => ({
      topic,
      partition,
      offset: message.offset,
      key: message.key ? message.key.toString('utf8') : null,
      value: message.value,
      headers: Object.fromEntries(
        Object.entries(message.headers ?? {}).map(([name, value]) => [name, headerText(value)]),
      ),
    })),
  };
}

function headerText(value: Buffer | string | (Buffer | string)[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  const single = Array.isArray(value) ? value[value.length - 1] : value;
  return single === undefined ? undefined : single.toString();
}

function toControl(payload: EachBatchPayload): BatchControl {
  return {
    commitThrough: async (offset) => {
      payload.resolveOffset(offset);
      await payload.commitOffsetsIfNecessary();
    },
    heartbeat: () => payload.heartbeat(),
    isRunning: () => payload.isRunning() && !payload.isStale(),
  };
}
