import { deadLetterTopic } from '@rekey/contracts';
import type { BrokerClient, BrokerProducer, IncomingMessage, OutgoingMessage } from '../broker/broker.port';
import { DeadLetterHeaders } from './dead-letter';

export interface ReplayOptions {
  broker: BrokerClient;
  producer: BrokerProducer;
  /** The source topic whose dead letters go back, e.g. `rekey.reset`. */
  topic: string;
  /** Replays only the dead letters of this consumer, when given. */
  consumer?: string;
  /** Gives up when the backlog has not been read within this time. */
  timeoutMs?: number;
}

export interface ReplayReport {
  replayed: number;
  /** Dead letters of other consumers, passed over when `consumer` is given. */
  skipped: number;
}

export const REPLAY_GROUP = 'rekey.dlq-replay';
export const ReplayedHeader = 'rekey-replayed-from';

/**
 * Moves the dead letters present when it starts back onto their source topic, original headers
 * included. The replay group's committed offsets remember what was already moved, so running it
 * twice replays nothing twice; consumers' inboxes make replaying something handled harmless.
 */
export async function replayDeadLetters(options: ReplayOptions): Promise<ReplayReport> {
  const source = deadLetterTopic(options.topic);
  const groupId = `${REPLAY_GROUP}.${options.topic}`;
  const report: ReplayReport = { replayed: 0, skipped: 0 };
  const backlog = (await options.broker.groupLag(groupId, [source])).filter((partition) => partition.lag > 0);
  if (backlog.length === 0) return report;

  // Read up to the end each partition had when the replay started; later dead letters wait for the next run.
  const remaining = new Map(backlog.map((partition) => [partition.partition, BigInt(partition.endOffset)]));
  let finished: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finished = resolve));

  const subscription = await options.broker.subscribe(
    { groupId, topics: [source], partitionsConcurrently: 1 },
    async (batch, control) => {
      const end = remaining.get(batch.partition);
      if (end === undefined) return;
      const replay: OutgoingMessage[] = [];
      let through: string | undefined;
      for (const message of batch.messages) {
        if (BigInt(message.offset) >= end) break;
        through = message.offset;
        if (options.consumer && message.headers[DeadLetterHeaders.consumer] !== options.consumer) {
          report.skipped += 1;
        } else {
          replay.push(restore(message, options.topic));
          report.replayed += 1;
        }
      }
      await options.producer.publish(replay);
      if (through !== undefined) await control.commitThrough(through);
      if (through !== undefined && BigInt(through) + 1n >= end) {
        remaining.delete(batch.partition);
        if (remaining.size === 0) finished();
      }
    },
  );
  const timeoutMs = options.timeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      done,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`replay of ${source} did not finish within ${timeoutMs} ms`)),
          timeoutMs,
        );
      }),
    ]);
    return report;
  } finally {
    clearTimeout(timer);
    await subscription.stop();
  }
}

function restore(message: IncomingMessage, topic: string): OutgoingMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined && !name.startsWith('rekey-dlq-')) headers[name] = value;
  }
  headers[ReplayedHeader] = `${message.topic}:${message.partition}:${message.offset}`;
  return { topic, key: message.key ?? '', value: message.value ?? Buffer.alloc(0), headers };
}
