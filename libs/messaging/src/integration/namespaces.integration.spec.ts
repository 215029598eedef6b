import { encodeEvent } from '@rekey/contracts';
import { ensureLocalStack } from '@rekey/testing';
import { Kafka, logLevel } from 'kafkajs';
import type { KafkajsBrokerClient } from '../broker/kafkajs-broker.adapter';
import { brokerClient, eventually, isolatedTopics } from './messaging-fixture';
import { probe, ProbeRecordedV1, runId } from './probe-event';

/**
 * Two environments share one cluster under different topic prefixes, with the same topic and the
 * same consumer group names: each sees only its own messages, and their groups are apart.
 */
describe('topic prefixes on a shared broker', () => {
  const topic = ProbeRecordedV1.topic;
  const group = 'audit.timeline';
  const clients: KafkajsBrokerClient[] = [];

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
  });

  async function environment(name: string) {
    const topicPrefix = await isolatedTopics([topic], 1);
    const client = await brokerClient(`namespace-test-${name}`, topicPrefix);
    clients.push(client);
    const received: string[] = [];
    await client.subscribe({ groupId: group, topics: [topic] }, async (batch, control) => {
      received.push(...batch.messages.map((message) => String(message.key)));
      await control.commitThrough(batch.messages[batch.messages.length - 1]!.offset);
    });
    const producer = await client.producer();
    return { client, topicPrefix, received, producer };
  }

  it('keeps messages and consumer groups of each prefix to itself', async () => {
    const run = runId();
    const blue = await environment('blue');
    const green = await environment('green');
    await blue.producer.publish([encodeEvent(probe(`${run}-blue`, 1))]);
    await green.producer.publish([encodeEvent(probe(`${run}-green`, 1))]);

    await eventually(() => blue.received.length > 0 && green.received.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(blue.received).toEqual([`${run}-blue`]);
    expect(green.received).toEqual([`${run}-green`]);

    const stack = await ensureLocalStack();
    const admin = new Kafka({ brokers: stack.kafkaBrokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const { groups } = await admin.listGroups();
      const names = groups.map((entry) => entry.groupId);
      expect(names).toEqual(
        expect.arrayContaining([`${blue.topicPrefix}${group}`, `${green.topicPrefix}${group}`]),
      );
    } finally {
      await admin.disconnect();
    }
    await eventually(async () => {
      const lag = await blue.client.groupLag(group, [topic]);
      return lag.length === 1 && lag[0]!.lag === 0 && lag[0]!.endOffset === '1';
    });
  });
});
