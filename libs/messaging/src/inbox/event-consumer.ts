import { context, type Context } from '@opentelemetry/api';
import { backoffDelay } from '@rekey/background';
import { decodeEvent, type EventRegistry, type RekeyEvent } from '@rekey/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  BatchControl,
  BrokerClient,
  BrokerProducer,
  BrokerSubscription,
  IncomingMessage,
  MessageBatch,
} from '../broker/broker.port';
import { toDeadLetter, type DeadLetterCause } from '../dead-letter/dead-letter';
import type { MessagingLogger } from '../messaging-logger';
import { inMessageContext, traceIdOf, withBatchTaskSpan, withProcessSpan } from '../tracing/message-tracing';
import { defaultRetryPolicy, isRetryable, type RetryPolicy } from './retry-policy';

/** Runs one event's effect inside the transaction that also records it in the inbox. */
export type EventHandler = (
  event: RekeyEvent,
  manager: EntityManager,
  // Optional so that a test may call a handler with an event and a manager alone.
  delivery?: Delivery,
) => Promise<void>;

/** What a handler may know of the message an event came in, and of the transaction it runs in. */
export interface Delivery {
  /** The headers as sent (`ce_*`, `traceparent`): what the envelope leaves out of the event. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /**
   * Runs `task` once in this transaction, after every event of it was handled and before it
   * commits: a handler gathers a batch's rows and writes them in one statement. A second task
   * under the same key in the same transaction is ignored.
   */
  beforeCommit(key: string, task: () => Promise<void>): void;
}

export interface EventConsumerOptions {
  /** Names the consumer in the inbox, in its group id and in dead letters. */
  name: string;
  topics: string[];
  /** Event types this consumer acts on; other valid events on its topics are acknowledged and skipped. */
  handlers: Record<string, EventHandler>;
  registry: EventRegistry;
  dataSource: DataSource;
  broker: BrokerClient;
  /** Publishes dead letters. */
  producer: BrokerProducer;
  logger: MessagingLogger;
  retry?: RetryPolicy;
  partitionsConcurrently?: number;
  clock?: () => Date;
  /** Told, after each commit, which events took effect (for metrics and benchmarks). */
  onHandled?: (events: RekeyEvent[]) => void;
}

type Decoded = { message: IncomingMessage; event: RekeyEvent };

/** Before-commit tasks by key, with the contexts of the handlers that asked for each. */
type BatchTasks = Map<string, { task: () => Promise<void>; requestedIn: Context[] }>;

async function runBatchTasks(tasks: BatchTasks): Promise<void> {
  for (const [key, { task, requestedIn }] of tasks) await withBatchTaskSpan(key, requestedIn, task);
}

/**
 * At-least-once delivery in, exactly-once effects out: each event's effect and its inbox row
 * commit in one transaction, and the offset is committed only after that. A batch commits in one
 * transaction; if anything in it fails, its messages are redone one by one so that a single bad
 * message is retried and dead-lettered alone.
 */
export class EventConsumer {
  private subscription: BrokerSubscription | undefined;
  private readonly retry: RetryPolicy;
  private readonly clock: () => Date;

  constructor(private readonly options: EventConsumerOptions) {
    this.retry = options.retry ?? defaultRetryPolicy;
    this.clock = options.clock ?? (() => new Date());
  }

  async start(): Promise<void> {
    this.subscription = await this.options.broker.subscribe(
      {
        groupId: this.options.name,
        topics: this.options.topics,
        partitionsConcurrently: this.options.partitionsConcurrently ?? 3,
      },
      (batch, control) => this.processBatch(batch, control),
    );
  }

  isHealthy(): boolean {
    return this.subscription?.isHealthy() ?? false;
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
  }

  private async processBatch(batch: MessageBatch, control: BatchControl): Promise<void> {
    if (batch.messages.length === 0) return;
    const decoded: Decoded[] = [];
    const deadLetters: Array<{ message: IncomingMessage; cause: DeadLetterCause }> = [];
    for (const message of batch.messages) {
      const result = decodeEvent(this.options.registry, message);
      // Valid events this consumer does not act on cost nothing: no inbox row, no transaction.
      if (result.ok && this.options.handlers[result.event.type])
        decoded.push({ message, event: result.event });
      else if (!result.ok) deadLetters.push({ message, cause: { ...result.error, attempts: 1 } });
    }

    if (!(await this.tryAsOneTransaction(decoded))) {
      for (const item of decoded) {
        const failure = await this.processAlone(item, control);
        if (failure) deadLetters.push({ message: item.message, cause: failure });
      }
    }

    await this.deadLetter(deadLetters);
    const last = batch.messages[batch.messages.length - 1]!;
    await control.commitThrough(last.offset);
  }

  private async tryAsOneTransaction(items: Decoded[]): Promise<boolean> {
    if (items.length === 0) return true;
    try {
      const handled = await this.options.dataSource.transaction(async (manager) => {
        const fresh = await this.recordInInbox(manager, items);
        const done: RekeyEvent[] = [];
        const tasks: BatchTasks = new Map();
        for (const item of items) {
          // A batch can hold the same event twice (a republished outbox row): act on the first only.
          if (fresh.delete(item.event.id)) {
            await this.handle(item, manager, tasks);
            done.push(item.event);
          }
        }
        await runBatchTasks(tasks);
        return done;
      });
      this.options.onHandled?.(handled);
      return true;
    } catch (error) {
      this.options.logger.warn('batch failed; processing its messages one by one', {
        consumer: this.options.name,
        error: describe(error),
      });
      return false;
    }
  }

  /** Returns the reason it gave up, or nothing when the message is done. */
  private async processAlone(item: Decoded, control: BatchControl): Promise<DeadLetterCause | undefined> {
    for (let attempt = 1; ; attempt++) {
      try {
        const fresh = await this.options.dataSource.transaction(async (manager) => {
          const inserted = await this.recordInInbox(manager, [item]);
          if (!inserted.has(item.event.id)) return false;
          const tasks: BatchTasks = new Map();
          await this.handle(item, manager, tasks);
          await runBatchTasks(tasks);
          return true;
        });
        if (fresh) this.options.onHandled?.([item.event]);
        return undefined;
      } catch (error) {
        const retryable = isRetryable(error);
        inMessageContext(item.message, item.event, () =>
          this.options.logger.warn('event handling failed', {
            consumer: this.options.name,
            eventId: item.event.id,
            eventType: item.event.type,
            attempt,
            retryable,
            error: describe(error),
          }),
        );
        if (!retryable || attempt >= this.retry.maxAttempts || !control.isRunning()) {
          if (!control.isRunning()) throw error; // leave the offset uncommitted; the next owner redoes it
          return { code: errorCode(error, retryable), reason: describe(error), attempts: attempt };
        }
        await this.pause(backoffDelay(this.retry, attempt), control);
      }
    }
  }

  private async recordInInbox(manager: EntityManager, items: Decoded[]): Promise<Set<string>> {
    const values: unknown[] = [];
    const rows = items.map(({ message, event }, index) => {
      values.push(this.options.name, event.id, event.type, message.topic, message.partition, message.offset);
      const base = index * 6;
      return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6})`;
    });
    const inserted: Array<{ event_id: string }> = await manager.query(
      `INSERT INTO inbox_message (consumer, event_id, event_type, source_topic, source_partition, source_offset)
       VALUES ${rows.join(', ')} ON CONFLICT DO NOTHING RETURNING event_id`,
      values,
    );
    return new Set(inserted.map((row) => row.event_id));
  }

  private async handle(item: Decoded, manager: EntityManager, tasks: BatchTasks): Promise<void> {
    const handler = this.options.handlers[item.event.type]!;
    const { message } = item;
    const delivery: Delivery = {
      headers: message.headers,
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
      beforeCommit: (key, task) => {
        // Called inside the handler's process span: the task's span is parented and linked on it.
        const registered = tasks.get(key);
        if (registered) registered.requestedIn.push(context.active());
        else tasks.set(key, { task, requestedIn: [context.active()] });
      },
    };
    await withProcessSpan(this.options.name, item.message, item.event, () =>
      handler(item.event, manager, delivery),
    );
  }

  private async deadLetter(
    items: Array<{ message: IncomingMessage; cause: DeadLetterCause }>,
  ): Promise<void> {
    if (items.length === 0) return;
    const now = this.clock();
    for (const { message, cause } of items) {
      // Undecodable messages included: the id, type and trace are read from the headers as sent.
      const traceId = traceIdOf(message.headers);
      inMessageContext(message, undefined, () =>
        this.options.logger.error('message dead-lettered', {
          consumer: this.options.name,
          eventId: message.headers['ce_id'],
          eventType: message.headers['ce_type'],
          ...(traceId ? { trace_id: traceId } : {}),
          topic: message.topic,
          partition: message.partition,
          offset: message.offset,
          errorCode: cause.code,
          reason: cause.reason,
          attempts: cause.attempts,
        }),
      );
    }
    await this.options.producer.publish(
      items.map(({ message, cause }) => toDeadLetter(message, this.options.name, cause, now)),
    );
  }

  private async pause(ms: number, control: BatchControl): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until && control.isRunning()) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, until - Date.now())));
      await control.heartbeat();
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function errorCode(error: unknown, retryable: boolean): string {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && code.includes('.')) return code;
  return retryable ? 'handler.retries-exhausted' : 'handler.rejected';
}
