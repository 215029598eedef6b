/**
 * What Rekey needs from a message broker, in its own words. kafkajs lives behind this interface
 * (kafkajs-broker.adapter.ts) so that the client can be swapped without touching the outbox,
 * the inbox or any service.
 */
export type MessageHeaders = Record<string, string>;

export interface OutgoingMessage {
  topic: string;
  key: string;
  value: Buffer;
  headers: MessageHeaders;
}

export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string | undefined>;
}

export interface MessageBatch {
  topic: string;
  partition: number;
  messages: IncomingMessage[];
}

export interface BatchControl {
  /** Marks every message up to and including `offset` as done; it is committed to the broker. */
  commitThrough(offset: string): Promise<void>;
  heartbeat(): Promise<void>;
  isRunning(): boolean;
}

export interface BrokerProducer {
  /** Publishes in order per topic-partition and resolves once every message is acknowledged by all in-sync replicas. */
  publish(messages: OutgoingMessage[]): Promise<void>;
  disconnect(): Promise<void>;
}

export interface SubscriptionOptions {
  groupId: string;
  topics: string[];
  fromBeginning?: boolean;
  /** Partitions processed at once by this member; order is kept within each partition. */
  partitionsConcurrently?: number;
}

export interface BrokerSubscription {
  /** True once the member has joined its group and while it has not crashed. */
  isHealthy(): boolean;
  /** Stops fetching, lets the batch in hand finish, leaves the group. */
  stop(): Promise<void>;
}

export interface PartitionLag {
  topic: string;
  partition: number;
  /** The next offset the group will read: its committed offset, or the partition's start. */
  nextOffset: string;
  /** The offset the next message written to the partition will get. */
  endOffset: string;
  lag: number;
}

export interface BrokerClient {
  producer(): Promise<BrokerProducer>;
  subscribe(
    options: SubscriptionOptions,
    onBatch: (batch: MessageBatch, control: BatchControl) => Promise<void>,
  ): Promise<BrokerSubscription>;
  /** How far a consumer group is behind on each partition of its topics. */
  groupLag(groupId: string, topics: string[]): Promise<PartitionLag[]>;
  /** True when the broker answers a metadata request. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
