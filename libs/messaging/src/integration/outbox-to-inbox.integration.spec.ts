import { DataSource } from 'typeorm';
import { encodeEvent, type RekeyEvent } from '@rekey/contracts';
import type { EntityManager } from 'typeorm';
import type { KafkajsBrokerClient } from '../broker/kafkajs-broker.adapter';
import type { BrokerProducer } from '../broker/broker.port';
import { EventConsumer } from '../inbox/event-consumer';
import { silentLogger } from '../messaging-logger';
import { OutboxRelay } from '../outbox/outbox-relay';
import { appendToOutbox } from '../outbox/outbox-writer';
import { brokerClient, eventually, isolatedTopics, scratchDatabase } from './messaging-fixture';
import { probe, probeRegistry, ProbeRecordedV1, runId } from './probe-event';

async function recordEffect(event: RekeyEvent, manager: EntityManager): Promise<void> {
  const { sequence } = event.data as { sequence: number };
  await manager.query('INSERT INTO effect (event_id, subject, sequence) VALUES ($1, $2, $3)', [
    event.id,
    event.subject,
    sequence,
  ]);
}

async function effects(dataSource: DataSource, prefix: string) {
  return dataSource.query<Array<{ event_id: string; subject: string; sequence: number }>>(
    'SELECT event_id, subject, sequence FROM effect WHERE subject LIKE $1 ORDER BY position',
    [`${prefix}%`],
  );
}

describe('outbox to inbox across two services', () => {
  let producerSide: { dataSource: DataSource; url: string };
  let consumerSide: { dataSource: DataSource; url: string };
  let broker: KafkajsBrokerClient;
  let producer: BrokerProducer;
  let relay: OutboxRelay;
  let consumer: EventConsumer;

  beforeAll(async () => {
    producerSide = await scratchDatabase('outbox_producer');
    consumerSide = await scratchDatabase('inbox_consumer');
    broker = await brokerClient('messaging-test', await isolatedTopics([ProbeRecordedV1.topic]));
    producer = await broker.producer();
    relay = new OutboxRelay({
      databaseUrl: producerSide.url,
      producer,
      logger: silentLogger,
      pollIntervalMs: 200,
    });
    relay.start();
    consumer = new EventConsumer({
      name: `test.consumer.${runId()}`,
      topics: [ProbeRecordedV1.topic],
      handlers: { [ProbeRecordedV1.type]: recordEffect },
      registry: probeRegistry,
      dataSource: consumerSide.dataSource,
      broker,
      producer,
      logger: silentLogger,
    });
    await consumer.start();
  });

  afterAll(async () => {
    await consumer.stop();
    await relay.stop();
    await broker.close();
    await producerSide.dataSource.destroy();
    await consumerSide.dataSource.destroy();
  });

  it('delivers every committed event once, in order per key', async () => {
    const run = runId();
    const accounts = Array.from({ length: 6 }, (_, index) => `${run}-account-${index}`);
    // Many small transactions interleaving the accounts, as concurrent requests would.
    for (let sequence = 0; sequence < 30; sequence++) {
      await producerSide.dataSource.transaction((manager) =>
        appendToOutbox(
          manager,
          accounts.map((account) => probe(account, sequence)),
        ),
      );
    }

    await eventually(async () => (await effects(consumerSide.dataSource, run)).length >= 180);
    const handled = await effects(consumerSide.dataSource, run);
    expect(handled).toHaveLength(180);
    expect(new Set(handled.map((row) => row.event_id)).size).toBe(180);
    for (const account of accounts) {
      const sequences = handled.filter((row) => row.subject === account).map((row) => row.sequence);
      expect(sequences).toEqual(Array.from({ length: 30 }, (_, index) => index));
    }
    const [{ unsent }] = await producerSide.dataSource.query(
      'SELECT count(*)::int AS unsent FROM outbox_message WHERE sent_at IS NULL',
    );
    expect(unsent).toBe(0);
  });

  it('keeps the order of the events one transaction appends for a key', async () => {
    const run = runId();
    const account = `${run}-account`;
    const sequences = Array.from({ length: 50 }, (_, index) => index);
    await producerSide.dataSource.transaction((manager) =>
      appendToOutbox(
        manager,
        sequences.map((sequence) => probe(account, sequence)),
      ),
    );

    await eventually(async () => (await effects(consumerSide.dataSource, run)).length >= 50);
    const handled = await effects(consumerSide.dataSource, run);
    expect(handled.map((row) => row.sequence)).toEqual(sequences);
  });

  it('publishes nothing from a transaction that rolled back', async () => {
    const run = runId();
    await expect(
      producerSide.dataSource.transaction(async (manager) => {
        await appendToOutbox(manager, [probe(`${run}-rolled-back`, 0)]);
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    await producerSide.dataSource.transaction((manager) =>
      appendToOutbox(manager, [probe(`${run}-committed`, 0)]),
    );

    await eventually(async () => (await effects(consumerSide.dataSource, run)).length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await effects(consumerSide.dataSource, run)).map((row) => row.subject)).toEqual([
      `${run}-committed`,
    ]);
  });

  it('has one effect when the same event is delivered twice', async () => {
    const run = runId();
    const event = probe(`${run}-twice`, 7);
    const message = encodeEvent(event);
    await producer.publish([message]);
    await producer.publish([message]);
    await producerSide.dataSource.transaction((manager) =>
      appendToOutbox(manager, [probe(`${run}-after`, 8)]),
    );

    await eventually(async () => (await effects(consumerSide.dataSource, run)).length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const handled = await effects(consumerSide.dataSource, run);
    expect(handled.filter((row) => row.event_id === event.id)).toHaveLength(1);
    const [{ count }] = await consumerSide.dataSource.query(
      'SELECT count(*)::int AS count FROM inbox_message WHERE event_id = $1',
      [event.id],
    );
    expect(count).toBe(1);
  });

  it('refuses to write to the outbox outside a transaction', async () => {
    await expect(appendToOutbox(producerSide.dataSource.manager, [probe('nobody', 0)])).rejects.toThrow(
      /needs an open transaction/,
    );
  });
});
