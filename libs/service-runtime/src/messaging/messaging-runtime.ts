import { eventRegistry } from '@rekey/contracts';
import {
  EventConsumer,
  KafkajsBrokerClient,
  MessagingRetention,
  OutboxRelay,
  type BrokerClient,
  type BrokerProducer,
  type EventHandler,
  type MessagingLogger,
} from '@rekey/messaging';
import type { DataSource } from 'typeorm';

/** One consumer group, as the event transport assembles it from a `@ConsumerGroup` class. */
export interface ConsumerDefinition {
  /** Unique within the service; the group id is `<service>.<name>`. */
  name: string;
  topics: string[];
  handlers: Record<string, EventHandler>;
}

export interface MessagingRuntimeOptions {
  serviceName: string;
  brokers: string[];
  /** Namespaces this service's topics and consumer groups on a shared cluster; '' for none. */
  topicPrefix: string;
  databaseUrl: string;
  dataSource: DataSource;
  logger: MessagingLogger;
  outboxBatchSize: number;
  outboxPollIntervalMs: number;
  outboxPublishIntervalMs: number;
  outboxMaxAttempts: number;
  outboxRetentionHours: number;
  inboxRetentionHours: number;
  consumerMaxAttempts: number;
}

/**
 * The service's side of Kafka: one producer shared by the outbox relay and dead-lettering, the
 * relay, and the consumers the event transport starts once this runtime is up. On shutdown the
 * transport drains the consumers first, then `stop` flushes what the relay still has to send.
 */
export class MessagingRuntime {
  private readonly broker: BrokerClient;
  private readonly consumers: Array<{ definition: ConsumerDefinition; consumer: EventConsumer }> = [];
  private consumersStopped: Promise<void> | undefined;
  private producer: BrokerProducer | undefined;
  private relay: OutboxRelay | undefined;
  private retention: MessagingRetention | undefined;
  private brokerReachable = { at: 0, value: false };
  private lag: { at: number; value: Record<string, number | null> } = { at: 0, value: {} };
  private stopping = false;

  constructor(private readonly options: MessagingRuntimeOptions) {
    this.broker = new KafkajsBrokerClient({
      brokers: options.brokers,
      clientId: options.serviceName,
      topicPrefix: options.topicPrefix,
      log: (level, message, extra) =>
        options.logger[level](`kafka: ${message}`, { namespace: extra['namespace'] }),
    });
  }

  async start(): Promise<void> {
    this.producer = await this.broker.producer();
    this.relay = new OutboxRelay({
      databaseUrl: this.options.databaseUrl,
      producer: this.producer,
      logger: this.options.logger,
      batchSize: this.options.outboxBatchSize,
      pollIntervalMs: this.options.outboxPollIntervalMs,
      publishIntervalMs: this.options.outboxPublishIntervalMs,
      maxAttempts: this.options.outboxMaxAttempts,
    });
    this.relay.start();
    this.retention = new MessagingRetention({
      dataSource: this.options.dataSource,
      logger: this.options.logger,
      outboxRetentionHours: this.options.outboxRetentionHours,
      inboxRetentionHours: this.options.inboxRetentionHours,
    });
    this.retention.start();
  }

  /** Starts the event transport's consumer groups; the producer must be up to dead-letter. */
  async startConsumers(definitions: readonly ConsumerDefinition[]): Promise<void> {
    const producer = this.producer;
    if (!producer) throw new Error('consumers started before the messaging runtime');
    for (const definition of definitions) {
      const consumer = new EventConsumer({
        name: `${this.options.serviceName}.${definition.name}`,
        topics: definition.topics,
        handlers: definition.handlers,
        registry: eventRegistry,
        dataSource: this.options.dataSource,
        broker: this.broker,
        producer,
        logger: this.options.logger,
        retry: { maxAttempts: this.options.consumerMaxAttempts, initialDelayMs: 200, maxDelayMs: 5_000 },
      });
      // Listed before it joins, so that readiness reports it as not yet joined.
      this.consumers.push({ definition, consumer });
      await consumer.start();
    }
  }

  /** Lets each consumer finish the batch in hand and leave its group; safe to call twice. */
  stopConsumers(): Promise<void> {
    this.consumersStopped ??= Promise.all(this.consumers.map(({ consumer }) => consumer.stop())).then(
      () => undefined,
    );
    return this.consumersStopped;
  }

  /** From now on readiness fails, so load balancers stop routing here while in-flight work drains. */
  markStopping(): void {
    this.stopping = true;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.stopConsumers();
    await this.relay?.stop();
    await this.retention?.stop();
    await this.broker.close();
  }

  /** Consumers that have not joined their group (or crashed) make the service unready. */
  consumerStatus(): Record<string, boolean> {
    return Object.fromEntries(
      this.consumers.map(({ definition, consumer }) => [definition.name, consumer.isHealthy()]),
    );
  }

  isStopping(): boolean {
    return this.stopping;
  }

  /** Messages each consumer group still has to read, summed over partitions; cached like the ping. */
  async consumerLag(): Promise<Record<string, number | null>> {
    if (Date.now() - this.lag.at < 5_000) return this.lag.value;
    const entries = await Promise.all(
      this.consumers.map(async ({ definition }) => {
        try {
          const partitions = await this.broker.groupLag(
            `${this.options.serviceName}.${definition.name}`,
            definition.topics,
          );
          return [
            definition.name,
            partitions.reduce((total, partition) => total + partition.lag, 0),
          ] as const;
        } catch {
          return [definition.name, null] as const;
        }
      }),
    );
    this.lag = { at: Date.now(), value: Object.fromEntries(entries) };
    return this.lag.value;
  }

  /** Cached for a few seconds: probes come often and each check opens an admin connection. */
  async isBrokerReachable(): Promise<boolean> {
    if (Date.now() - this.brokerReachable.at < 5_000) return this.brokerReachable.value;
    const value = await this.broker.ping();
    this.brokerReachable = { at: Date.now(), value };
    return value;
  }
}
