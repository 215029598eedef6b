import type { Kafka, Producer } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import type { BrokerProducer, OutgoingMessage } from './broker.port';
import { PublishRefused } from './publish.errors';

/** Broker answers that no resend can change: the message or its topic is at fault. */
const refusedForGood = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_TOPIC_EXCEPTION',
  'TOPIC_AUTHORIZATION_FAILED',
  'INVALID_RECORD',
]);

export interface WireTopics {
  onWire(topic: string): string;
}

/**
 * An idempotent producer with `acks=all` and one request in flight: the broker drops a retried
 * duplicate and keeps order per partition.
 *
 * Retries are left unlimited (kafkajs warns when an idempotent producer limits them, and rightly:
 * a send given up and made again later gets new sequence numbers, so the broker can no longer tell
 * it from the first). A transient failure (broker down, leader moving, timeouts) is therefore
 * retried inside kafkajs with backoff until the broker answers, and a publish waits meanwhile.
 * What kafkajs does not retry comes out as `PublishRefused` when the broker refused the message
 * for good, as the error itself otherwise.
 */
export class KafkajsProducer implements BrokerProducer {
  private current: Promise<Producer> | undefined;
  private connected: Producer | undefined;
  private closed = false;
  private readonly retired: Array<Promise<void>> = [];

  constructor(
    private readonly kafka: Kafka,
    private readonly topics: WireTopics,
  ) {}

  /** Connects the first producer; rejects as its connection does. */
  async connect(): Promise<void> {
    await this.producer();
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = await this.producer();
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const message of messages) {
      const list = byTopic.get(message.topic);
      if (list) list.push(message);
      else byTopic.set(message.topic, [message]);
    }
    try {
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, list]) => ({
          topic: this.topics.onWire(topic),
          messages: list.map((message) => ({
            key: message.key,
            value: message.value,
            headers: message.headers,
          })),
        })),
      });
    } catch (error) {
      this.replace(producer);
      throw refusalOf(error) ?? error;
    }
  }

  async disconnect(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const current = await this.current?.catch(() => undefined);
    await Promise.all([current?.disconnect().catch(() => undefined), ...this.retired]);
  }

  private producer(): Promise<Producer> {
    if (this.closed) return Promise.reject(new Error('producer disconnected'));
    // A connection that failed is tried again by the next publish.
    this.current ??= this.connectNew().catch((error: unknown) => {
      this.current = undefined;
      throw error;
    });
    return this.current;
  }

  /**
   * A request that failed may have been written on some of its partitions and not on others, while
   * kafkajs takes back the sequence numbers of all of them: sending those partitions anything but
   * the very same batch again would then be refused as out of sequence. A new producer (a new
   * producer id, sequences from zero) starts clean; what went already may go twice, and consumers'
   * inboxes absorb that.
   */
  private replace(failed: Producer): void {
    if (this.connected !== failed) return;
    this.connected = undefined;
    this.current = undefined;
    this.retired.push(failed.disconnect().catch(() => undefined));
  }

  private async connectNew(): Promise<Producer> {
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 200, maxRetryTime: 5_000 },
    });
    await producer.connect();
    this.connected = producer;
    return producer;
  }
}

/** The broker's reason when it refused for good, found through kafkajs's error wrapping. */
export function refusalOf(error: unknown): PublishRefused | undefined {
  for (let cause = error; cause instanceof Error; cause = (cause as { cause?: unknown }).cause) {
    const type = (cause as { type?: unknown }).type;
    if (typeof type === 'string' && refusedForGood.has(type)) return new PublishRefused(type, cause.message);
    if ((cause as { cause?: unknown }).cause === cause) break;
  }
  return undefined;
}
