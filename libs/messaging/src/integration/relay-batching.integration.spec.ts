import type { BrokerProducer, OutgoingMessage } from '../broker/broker.port';
import { silentLogger } from '../messaging-logger';
import { OutboxRelay } from '../outbox/outbox-relay';
import { appendToOutbox } from '../outbox/outbox-writer';
import { eventually, publishingBed, readTopic } from './messaging-fixture';
import { probe, ProbeRecordedV1, runId } from './probe-event';

/** The real producer, noting when each publish request went and how many messages it carried. */
function recording(producer: BrokerProducer) {
  const requests: Array<{ at: number; size: number }> = [];
  const wrapped: BrokerProducer = {
    disconnect: () => producer.disconnect(),
    publish: async (messages: OutgoingMessage[]) => {
      requests.push({ at: performance.now(), size: messages.length });
      await producer.publish(messages);
    },
  };
  return { producer: wrapped, requests };
}

describe('outbox relay under a steady flow of commits', () => {
  const publishIntervalMs = 100;
  const bed = publishingBed('relay_batching', [ProbeRecordedV1.topic]);

  it('sends the first event at once, then gathers the following commits into spaced requests', async () => {
    const { database, producer, topicPrefix } = bed;
    const record = recording(producer);
    // The fallback poll is far away: only the commit notifications can wake the relay in time.
    const relay = new OutboxRelay({
      databaseUrl: database.url,
      producer: record.producer,
      logger: silentLogger,
      pollIntervalMs: 60_000,
      publishIntervalMs,
    });
    relay.start();
    await eventually(() => relay.isLeading());
    const subject = `${runId()}-flow`;
    const commit = (sequence: number) =>
      database.dataSource.transaction((manager) => appendToOutbox(manager, [probe(subject, sequence)]));

    await commit(0);
    await eventually(() => record.requests.length === 1, 5_000);
    // Each commit notifies on its own, one after the other.
    for (let sequence = 1; sequence < 60; sequence++) await commit(sequence);

    const messages = await readTopic(ProbeRecordedV1.topic, 60, {
      topicPrefix,
      matches: (message) => message.key === subject,
    });
    await relay.stop();
    const sequences = messages.map(
      (message) => (JSON.parse(message.value!.toString()) as { sequence: number }).sequence,
    );
    expect(sequences).toEqual(Array.from({ length: 60 }, (_, index) => index));
    expect(record.requests.reduce((sum, request) => sum + request.size, 0)).toBe(60);
    expect(record.requests.length).toBeLessThan(30);
    const gaps = record.requests.slice(1).map((request, index) => request.at - record.requests[index]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(publishIntervalMs - 5);
  });
});
