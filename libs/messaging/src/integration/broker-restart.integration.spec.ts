import type { DataSource, EntityManager } from 'typeorm';
import { Kafka, logLevel } from 'kafkajs';
import type { RekeyEvent } from '@rekey/contracts';
import { startPrivateKafkaBroker, type PrivateKafkaBroker } from '@rekey/testing';
import { KafkajsBrokerClient } from '../broker/kafkajs-broker.adapter';
import { EventConsumer } from '../inbox/event-consumer';
import { silentLogger } from '../messaging-logger';
import { OutboxRelay } from '../outbox/outbox-relay';
import { appendToOutbox } from '../outbox/outbox-writer';
import { eventually, scratchDatabase } from './messaging-fixture';
import { probe, probeRegistry, ProbeRecordedV1, runId } from './probe-event';

jest.setTimeout(300_000);

const subjects = 8;

/**
 * The broker goes down and comes back while the relay publishes a steady stream. On a broker of
 * its own: the shared one serves every other test meanwhile.
 */
describe('a broker restart in the middle of publishing', () => {
  let kafka: PrivateKafkaBroker;
  let producerSide: { dataSource: DataSource; url: string };
  let consumerSide: { dataSource: DataSource; url: string };
  let broker: KafkajsBrokerClient;
  let relay: OutboxRelay;
  let consumer: EventConsumer;

  beforeAll(async () => {
    [kafka, producerSide, consumerSide] = await Promise.all([
      startPrivateKafkaBroker('restart'),
      scratchDatabase('restart_outbox'),
      scratchDatabase('restart_inbox'),
    ]);
    const admin = new Kafka({
      clientId: 'restart-test',
      brokers: kafka.brokers,
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic: ProbeRecordedV1.topic, numPartitions: 3, replicationFactor: 1 },
        { topic: `${ProbeRecordedV1.topic}.dlq`, numPartitions: 1, replicationFactor: 1 },
      ],
    });
    await admin.disconnect();
    broker = new KafkajsBrokerClient({ brokers: kafka.brokers, clientId: 'restart-test' });
    const producer = await broker.producer();
    relay = new OutboxRelay({
      databaseUrl: producerSide.url,
      producer,
      logger: silentLogger,
      pollIntervalMs: 200,
    });
    relay.start();
    consumer = new EventConsumer({
      name: `test.restart.${runId()}`,
      topics: [ProbeRecordedV1.topic],
      handlers: {
        [ProbeRecordedV1.type]: async (event: RekeyEvent, manager: EntityManager) => {
          const { sequence } = event.data as { sequence: number };
          await manager.query('INSERT INTO effect (event_id, subject, sequence) VALUES ($1, $2, $3)', [
            event.id,
            event.subject,
            sequence,
          ]);
        },
      },
      registry: probeRegistry,
      dataSource: consumerSide.dataSource,
      broker,
      producer,
      logger: silentLogger,
    });
    await consumer.start();
  });

  afterAll(async () => {
    await consumer?.stop();
    await relay?.stop();
    await broker?.close();
    await kafka?.stop();
    await producerSide?.dataSource.destroy();
    await consumerSide?.dataSource.destroy();
  });

  it('loses nothing and has every effect exactly once, in order per key', async () => {
    const run = runId();
    const written: string[] = [];
    const next = new Array<number>(subjects).fill(0);
    let writing = true;
    // A commit every 20 ms, one event each, round the keys: a steady stream through the restart.
    const writer = (async () => {
      for (let index = 0; writing; index++) {
        const subject = index % subjects;
        const event = probe(`${run}-${subject}`, next[subject]!++);
        await producerSide.dataSource.transaction((manager) => appendToOutbox(manager, [event]));
        written.push(event.id);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();

    await eventually(() => countEffects(run).then((count) => count >= 100), 60_000);
    // Cleanly stopped and started again, as an operator's rolling restart does; the relay is
    // publishing meanwhile and waits for the broker without giving up on a batch.
    await kafka.restart({ downForMs: 3_000 });
    // The stream goes on through the broker's return.
    const writtenBeforeReturn = written.length;
    await eventually(async () => (await countEffects(run)) >= writtenBeforeReturn + 100, 120_000);
    writing = false;
    await writer;

    await eventually(async () => (await countEffects(run)) >= written.length, 120_000);
    const effects = await consumerSide.dataSource.query<
      Array<{ event_id: string; subject: string; sequence: number }>
    >('SELECT event_id, subject, sequence FROM effect WHERE subject LIKE $1 ORDER BY position', [`${run}-%`]);
    expect(effects.length).toBe(written.length);
    expect(new Set(effects.map((effect) => effect.event_id))).toEqual(new Set(written));
    for (let subject = 0; subject < subjects; subject++) {
      const sequences = effects
        .filter((effect) => effect.subject === `${run}-${subject}`)
        .map((effect) => effect.sequence);
      expect(sequences).toEqual(sequences.map((_, index) => index));
    }
    // A broker outage is not a refusal: nothing was counted against a row, nothing parked.
    const [{ refused, parked }] = await producerSide.dataSource.query<[{ refused: string; parked: string }]>(
      `SELECT (SELECT count(*) FROM outbox_message WHERE attempts > 0) AS refused,
              (SELECT count(*) FROM outbox_parked) AS parked`,
    );
    expect([Number(refused), Number(parked)]).toEqual([0, 0]);
  });

  async function countEffects(run: string): Promise<number> {
    const [{ count }] = await consumerSide.dataSource.query<[{ count: string }]>(
      'SELECT count(*) AS count FROM effect WHERE subject LIKE $1',
      [`${run}-%`],
    );
    return Number(count);
  }
});
