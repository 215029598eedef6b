import { metrics, type Meter, type MeterProvider } from '@opentelemetry/api';
import { Kafka, logLevel } from 'kafkajs';
import { ensureLocalStack } from '@rekey/testing';
import type { BrokerProducer, OutgoingMessage } from '../broker/broker.port';
import type { MessagingLogger } from '../messaging-logger';
import { OutboxRelay } from '../outbox/outbox-relay';
import { appendToOutbox } from '../outbox/outbox-writer';
import { ParkedOutbox } from '../outbox/parked-outbox';
import { eventually, publishingBed, readTopic } from './messaging-fixture';
import { probe, ProbeRecordedV1, runId } from './probe-event';

/** Records what is added to counters: the metrics API's provider, hand-written for the test. */
function recordingMeterProvider() {
  const added: Array<{ name: string; value: number; attributes: Record<string, unknown> }> = [];
  const meter = {
    createCounter: (name: string) => ({
      add: (value: number, attributes: Record<string, unknown> = {}) =>
        added.push({ name, value, attributes }),
    }),
  } as unknown as Meter;
  return { provider: { getMeter: () => meter } as MeterProvider, added };
}

function recordingLogger() {
  const lines: Array<{ level: string; message: string; fields: Record<string, unknown> }> = [];
  const at =
    (level: string) =>
    (message: string, fields: Record<string, unknown> = {}) =>
      lines.push({ level, message, fields });
  const logger: MessagingLogger = { info: at('info'), warn: at('warn'), error: at('error') };
  return { logger, lines };
}

const sequenceOf = (message: { value: Buffer | null }) =>
  (JSON.parse(message.value!.toString()) as { sequence: number }).sequence;

describe('outbox rows the broker refuses for good', () => {
  const bed = publishingBed('outbox_parking', [ProbeRecordedV1.topic]);
  const meter = recordingMeterProvider();
  const log = recordingLogger();
  let relay: OutboxRelay;
  let setTopicLimit: (bytes: number) => Promise<void>;

  beforeAll(async () => {
    metrics.setGlobalMeterProvider(meter.provider);
    const kafka = new Kafka({
      clientId: 'parking-test',
      brokers: (await ensureLocalStack()).kafkaBrokers,
      logLevel: logLevel.NOTHING,
    });
    setTopicLimit = async (bytes) => {
      const admin = kafka.admin();
      await admin.connect();
      try {
        await admin.alterConfigs({
          validateOnly: false,
          resources: [
            {
              type: 2, // TOPIC
              name: `${bed.topicPrefix}${ProbeRecordedV1.topic}`,
              configEntries: [{ name: 'max.message.bytes', value: String(bytes) }],
            },
          ],
        });
      } finally {
        await admin.disconnect();
      }
    };
    // Room for a batch of the test's small events, not for the one padded far beyond it.
    await setTopicLimit(16_384);
  });

  afterAll(async () => {
    await relay?.stop();
    metrics.disable();
  });

  it('parks a message too large for its topic after its attempts, while the rows behind it go on', async () => {
    const { database, producer, topicPrefix } = bed;
    const subject = `${runId()}-a`;
    const other = `${runId()}-b`;
    const events = [probe(subject, 0), probe(subject, 1), probe(subject, 2), probe(other, 0)];
    await database.dataSource.transaction((manager) => appendToOutbox(manager, events));
    // 32 KiB of padding: the relay sends what the row holds, so the row stands for any oversized event.
    await database.dataSource.query(
      `UPDATE outbox_message SET payload = convert_to($2, 'UTF8') WHERE event_id = $1`,
      [events[1]!.id, JSON.stringify({ sequence: 1, padding: 'x'.repeat(32_768) })],
    );

    relay = new OutboxRelay({
      databaseUrl: database.url,
      producer,
      logger: log.logger,
      pollIntervalMs: 200,
      maxAttempts: 3,
      refusalBackoffMs: 50,
    });
    relay.start();

    const ofSubject = await readTopic(ProbeRecordedV1.topic, 2, {
      topicPrefix,
      matches: (m) => m.key === subject,
    });
    expect(ofSubject.map(sequenceOf)).toEqual([0, 2]);
    const ofOther = await readTopic(ProbeRecordedV1.topic, 1, {
      topicPrefix,
      matches: (m) => m.key === other,
    });
    // It may arrive twice: a batch refused as a whole may have been written on the other key's
    // partition before the rows went again one by one. Consumers' inboxes absorb that.
    expect([...new Set(ofOther.map(sequenceOf))]).toEqual([0]);

    const parked = await database.dataSource.query<
      Array<{ event_id: string; attempts: number; last_error: string }>
    >('SELECT event_id, attempts, last_error FROM outbox_parked');
    expect(parked).toEqual([
      { event_id: events[1]!.id, attempts: 3, last_error: expect.stringContaining('MESSAGE_TOO_LARGE') },
    ]);
    // The row behind it on its key went only once it was parked; the other key did not wait.
    const [{ waited, other_waited }] = await database.dataSource.query<
      [{ waited: boolean; other_waited: boolean }]
    >(
      `SELECT (SELECT sent_at FROM outbox_message WHERE event_id = $1) >= parked_at AS waited,
              (SELECT sent_at FROM outbox_message WHERE event_id = $2) >= parked_at AS other_waited
         FROM outbox_parked`,
      [events[2]!.id, events[3]!.id],
    );
    expect({ waited, other_waited }).toEqual({ waited: true, other_waited: false });
    const [{ unsent }] = await database.dataSource.query<[{ unsent: string }]>(
      'SELECT count(*) AS unsent FROM outbox_message WHERE sent_at IS NULL',
    );
    expect(Number(unsent)).toBe(0);

    expect(meter.added).toEqual([
      {
        name: 'rekey.outbox.parked',
        value: 1,
        attributes: {
          'messaging.destination.name': ProbeRecordedV1.topic,
          'error.type': 'MESSAGE_TOO_LARGE',
        },
      },
    ]);
    const errors = log.lines.filter((line) => line.level === 'error');
    expect(errors).toEqual([
      {
        level: 'error',
        message: expect.stringContaining('parked'),
        fields: {
          eventId: events[1]!.id,
          eventType: ProbeRecordedV1.type,
          topic: ProbeRecordedV1.topic,
          attempts: 3,
          error: expect.stringContaining('MESSAGE_TOO_LARGE'),
        },
      },
    ]);
    expect(JSON.stringify(log.lines)).not.toContain('xxxxxxxx');

    // The relay is not stalled: what is written next goes out as usual.
    await database.dataSource.transaction((manager) => appendToOutbox(manager, [probe(subject, 3)]));
    const later = await readTopic(ProbeRecordedV1.topic, 3, {
      topicPrefix,
      matches: (m) => m.key === subject,
    });
    expect(later.map(sequenceOf)).toEqual([0, 2, 3]);
  });

  it('lists a parked event and publishes it once re-queued after the cause is gone', async () => {
    const { database, topicPrefix } = bed;
    const parkedOutbox = new ParkedOutbox(database.dataSource);
    const [listed] = await parkedOutbox.list();
    expect(listed).toMatchObject({
      eventType: ProbeRecordedV1.type,
      attempts: 3,
      error: expect.stringContaining('MESSAGE_TOO_LARGE'),
    });

    await setTopicLimit(1_048_576);
    expect(await parkedOutbox.requeue([listed!.eventId])).toEqual([listed!.eventId]);

    // It arrives late, after the events of its key written since it was parked.
    const ofSubject = await readTopic(ProbeRecordedV1.topic, 4, {
      topicPrefix,
      matches: (m) => m.key === listed!.key,
    });
    expect(ofSubject.map(sequenceOf)).toEqual([0, 2, 3, 1]);
    expect(await parkedOutbox.list()).toEqual([]);
    expect(await parkedOutbox.requeue()).toEqual([]);
  });

  it('publishes a refused row once the cause is gone before its last attempt, and parks nothing', async () => {
    const { database, producer, topicPrefix } = bed;
    await relay.stop();
    await setTopicLimit(16_384);
    relay = new OutboxRelay({
      databaseUrl: database.url,
      producer,
      logger: log.logger,
      pollIntervalMs: 200,
      maxAttempts: 50,
      refusalBackoffMs: 200,
    });
    const subject = `${runId()}-fixed`;
    const event = probe(subject, 0);
    await database.dataSource.transaction((manager) => appendToOutbox(manager, [event]));
    await database.dataSource.query(
      `UPDATE outbox_message SET payload = convert_to($2, 'UTF8') WHERE event_id = $1`,
      [event.id, JSON.stringify({ sequence: 0, padding: 'x'.repeat(32_768) })],
    );
    relay.start();
    const attempts = async () =>
      (
        await database.dataSource.query<[{ attempts: number }]>(
          'SELECT attempts FROM outbox_message WHERE event_id = $1',
          [event.id],
        )
      )[0].attempts;
    await eventually(async () => (await attempts()) >= 1, 10_000);
    await setTopicLimit(1_048_576);
    const messages = await readTopic(ProbeRecordedV1.topic, 1, {
      topicPrefix,
      matches: (m) => m.key === subject,
    });
    expect(messages.map(sequenceOf)).toEqual([0]);
    expect(await attempts()).toBeLessThan(50);
    expect(await new ParkedOutbox(database.dataSource).list()).toEqual([]);
  });

  it('never counts a transient failure: the row waits and goes once the broker takes it', async () => {
    const { database, producer, topicPrefix } = bed;
    await relay.stop();
    let failures = 3;
    const flaky: BrokerProducer = {
      disconnect: () => producer.disconnect(),
      publish: async (messages: OutgoingMessage[]) => {
        if (failures-- > 0) throw new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9');
        await producer.publish(messages);
      },
    };
    relay = new OutboxRelay({
      databaseUrl: database.url,
      producer: flaky,
      logger: log.logger,
      pollIntervalMs: 100,
      maxAttempts: 1,
    });
    const subject = `${runId()}-transient`;
    await database.dataSource.transaction((manager) => appendToOutbox(manager, [probe(subject, 0)]));
    relay.start();
    const messages = await readTopic(ProbeRecordedV1.topic, 1, {
      topicPrefix,
      matches: (m) => m.key === subject,
    });
    expect(messages.map(sequenceOf)).toEqual([0]);
    expect(failures).toBeLessThan(0);
    await eventually(async () => {
      const [row] = await database.dataSource.query<[{ attempts: number; sent: boolean }]>(
        `SELECT attempts, sent_at IS NOT NULL AS sent FROM outbox_message WHERE message_key = $1`,
        [subject],
      );
      return row.sent && row.attempts === 0;
    });
    expect(await new ParkedOutbox(database.dataSource).list()).toEqual([]);
  });
});
