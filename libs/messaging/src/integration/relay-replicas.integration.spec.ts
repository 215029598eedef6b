import { silentLogger } from '../messaging-logger';
import { OutboxRelay } from '../outbox/outbox-relay';
import { appendToOutbox } from '../outbox/outbox-writer';
import { eventually, publishingBed, readTopic } from './messaging-fixture';
import { probe, ProbeRecordedV1, runId } from './probe-event';

describe('outbox relay with several replicas of a service', () => {
  const bed = publishingBed('relay_replicas', [ProbeRecordedV1.topic]);

  it('publishes each committed event once, in commit order, and fails over when the leader stops', async () => {
    const { database, producer, topicPrefix } = bed;
    const relays = [1, 2, 3].map(
      () =>
        new OutboxRelay({
          databaseUrl: database.url,
          producer,
          logger: silentLogger,
          pollIntervalMs: 100,
          batchSize: 7,
        }),
    );
    relays.forEach((relay) => relay.start());
    const subject = `${runId()}-replicated`;
    const write = async (from: number, to: number) => {
      for (let sequence = from; sequence < to; sequence++) {
        await database.dataSource.transaction((manager) =>
          appendToOutbox(manager, [probe(subject, sequence)]),
        );
      }
    };

    await write(0, 60);
    await eventually(() => relays.some((relay) => relay.isLeading()));
    expect(relays.filter((relay) => relay.isLeading())).toHaveLength(1);

    const leader = relays.find((relay) => relay.isLeading())!;
    await leader.stop();
    await write(60, 120);
    await eventually(() => relays.some((relay) => relay !== leader && relay.isLeading()), 10_000);

    const messages = await readTopic(ProbeRecordedV1.topic, 120, {
      topicPrefix,
      matches: (message) => message.key === subject,
    });
    const sequences = messages.map(
      (message) => (JSON.parse(message.value!.toString()) as { sequence: number }).sequence,
    );
    expect(sequences).toEqual(Array.from({ length: 120 }, (_, index) => index));
    await Promise.all(relays.map((relay) => relay.stop()));
  });
});
