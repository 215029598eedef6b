import type { DataSource, EntityManager } from 'typeorm';
import { encodeEvent, type RekeyEvent } from '@rekey/contracts';
import type { KafkajsBrokerClient } from '../broker/kafkajs-broker.adapter';
import type { BrokerProducer } from '../broker/broker.port';
import { DeadLetterHeaders } from '../dead-letter/dead-letter';
import { replayDeadLetters, ReplayedHeader } from '../dead-letter/replay-dead-letters';
import { EventConsumer } from '../inbox/event-consumer';
import { silentLogger } from '../messaging-logger';
import { brokerClient, eventually, isolatedTopics, scratchDatabase } from './messaging-fixture';
import { probe, probeRegistry, ProbeRecordedV1, runId } from './probe-event';

/** A broken rule: the messaging layer must not retry it. */
class AccountUnknown extends Error {
  readonly code = 'probe.account-unknown';
  readonly retryable = false;
}

describe('dead letters', () => {
  let database: { dataSource: DataSource; url: string };
  let broker: KafkajsBrokerClient;
  let producer: BrokerProducer;
  let consumer: EventConsumer;
  let topicPrefix: string;
  const topic = ProbeRecordedV1.topic;
  let consumerName: string;
  const rejectedSubjects = new Set<string>();
  let transientFailuresLeft = 0;

  async function handle(event: RekeyEvent, manager: EntityManager): Promise<void> {
    if (rejectedSubjects.has(event.subject)) throw new AccountUnknown(`no account ${event.subject}`);
    if (event.subject.endsWith('-flaky') && transientFailuresLeft > 0) {
      transientFailuresLeft -= 1;
      throw new Error('connection reset by peer');
    }
    await manager.query('INSERT INTO effect (event_id, subject, sequence) VALUES ($1, $2, 0)', [
      event.id,
      event.subject,
    ]);
  }

  const handledSubjects = async (prefix: string): Promise<string[]> =>
    (
      await database.dataSource.query<Array<{ subject: string }>>(
        'SELECT subject FROM effect WHERE subject LIKE $1 ORDER BY position',
        [`${prefix}%`],
      )
    ).map((row) => row.subject);

  async function deadLettersOf(prefix: string): Promise<Array<Record<string, string | undefined>>> {
    const seen: Array<Record<string, string | undefined>> = [];
    const reader = await brokerClient('dlq-reader', topicPrefix);
    await reader.subscribe({ groupId: `dlq-reader-${runId()}`, topics: [`${topic}.dlq`] }, async (batch) => {
      for (const message of batch.messages) {
        if ((message.key ?? '').startsWith(prefix)) seen.push(message.headers);
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await reader.close();
    return seen;
  }

  beforeAll(async () => {
    database = await scratchDatabase('dead_letters');
  });

  // Each test has its own topics and consumer, so one test's dead letters are not another's.
  beforeEach(async () => {
    topicPrefix = await isolatedTopics([topic]);
    broker = await brokerClient('dead-letter-test', topicPrefix);
    producer = await broker.producer();
    consumerName = `test.dlq.${runId()}`;
    consumer = new EventConsumer({
      name: consumerName,
      topics: [topic],
      handlers: { [ProbeRecordedV1.type]: handle },
      registry: probeRegistry,
      dataSource: database.dataSource,
      broker,
      producer,
      logger: silentLogger,
      retry: { maxAttempts: 3, initialDelayMs: 20, maxDelayMs: 50 },
    });
    await consumer.start();
  });

  afterEach(async () => {
    await consumer.stop();
    await broker.close();
  });

  afterAll(async () => {
    await database.dataSource.destroy();
  });

  it('dead-letters malformed and schema-violating messages with the reason, and goes on', async () => {
    const run = runId();
    const valid = encodeEvent(probe(`${run}-valid`, 1));
    const notJson = { ...encodeEvent(probe(`${run}-not-json`, 1)), value: Buffer.from('{"sequence": 1,') };
    const violating = {
      ...encodeEvent(probe(`${run}-violating`, 1)),
      value: Buffer.from('{"sequence": -4}'),
    };
    const unknownType = encodeEvent(probe(`${run}-unknown-type`, 1));
    unknownType.headers['ce_type'] = 'rekey.audit.never-defined.v1';
    await producer.publish([notJson, violating, unknownType, valid]);

    await eventually(async () => (await handledSubjects(run)).includes(`${run}-valid`));
    const dead = await deadLettersOf(run);
    const byCode = Object.fromEntries(dead.map((headers) => [headers[DeadLetterHeaders.code], headers]));
    expect(Object.keys(byCode).sort()).toEqual([
      'event.invalid-json',
      'event.schema-violation',
      'event.unknown-type',
    ]);
    expect(byCode['event.schema-violation']![DeadLetterHeaders.reason]).toMatch(/sequence/);
    for (const headers of dead) {
      expect(headers[DeadLetterHeaders.consumer]).toBe(consumerName);
      expect(headers[DeadLetterHeaders.sourceTopic]).toBe(topic);
      expect(headers[DeadLetterHeaders.sourceOffset]).toMatch(/^\d+$/);
      expect(headers['ce_id']).toBeDefined();
    }
  });

  it('retries a transient failure with backoff and handles the event once', async () => {
    const run = runId();
    transientFailuresLeft = 2;
    await producer.publish([encodeEvent(probe(`${run}-flaky`, 1))]);
    await eventually(async () => (await handledSubjects(run)).length === 1);
    expect(transientFailuresLeft).toBe(0);
    expect(await handledSubjects(run)).toEqual([`${run}-flaky`]);
  });

  it('dead-letters a broken rule at once, keeps the partition moving, and replays it once fixed', async () => {
    const run = runId();
    const rejected = `${run}-rejected`;
    rejectedSubjects.add(rejected);
    await producer.publish([encodeEvent(probe(rejected, 1)), encodeEvent(probe(`${run}-next`, 1))]);
    await eventually(async () => (await handledSubjects(run)).includes(`${run}-next`));
    const [letter] = await deadLettersOf(rejected);
    expect(letter?.[DeadLetterHeaders.code]).toBe('probe.account-unknown');
    expect(letter?.[DeadLetterHeaders.attempts]).toBe('1');

    rejectedSubjects.delete(rejected);
    const report = await replayDeadLetters({ broker, producer, topic, consumer: consumerName });
    expect(report.replayed).toBeGreaterThanOrEqual(1);
    await eventually(async () => (await handledSubjects(run)).includes(rejected));

    const again = await replayDeadLetters({ broker, producer, topic, consumer: consumerName });
    expect(again.replayed).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await handledSubjects(run)).filter((subject) => subject === rejected)).toHaveLength(1);
    expect(ReplayedHeader).toBe('rekey-replayed-from');
  });
});
