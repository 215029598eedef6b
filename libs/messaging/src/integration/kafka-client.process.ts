/**
 * A Kafka client process of ours, for the test that reads what it prints: it publishes an event
 * through the idempotent producer, reads it back as a consumer group member, pings the broker,
 * and exits. kafkajs's own log lines go to stderr.
 * Usage: node -r tools/register.cjs kafka-client.process.ts <brokers> <topic prefix>
 */
import { randomUUID } from 'node:crypto';
import { encodeEvent } from '@rekey/contracts';
import { KafkajsBrokerClient } from '../broker/kafkajs-broker.adapter';
import { probe, ProbeRecordedV1 } from './probe-event';

async function main(): Promise<void> {
  const [brokers, topicPrefix] = process.argv.slice(2) as [string, string];
  const broker = new KafkajsBrokerClient({
    brokers: brokers.split(','),
    clientId: 'warning-probe',
    topicPrefix,
    log: (level, message, extra) => process.stderr.write(`${JSON.stringify({ level, message, ...extra })}\n`),
  });
  const subject = randomUUID();
  const producer = await broker.producer();
  const message = encodeEvent(probe(subject, 0));
  await producer.publish([{ ...message, headers: { ...message.headers } }]);
  await new Promise<void>((resolve) => {
    void broker.subscribe(
      { groupId: `warning-probe-${subject}`, topics: [ProbeRecordedV1.topic] },
      async (batch, control) => {
        await control.commitThrough(batch.messages[batch.messages.length - 1]!.offset);
        if (batch.messages.some((received) => received.key === subject)) resolve();
      },
    );
  });
  if (!(await broker.ping())) throw new Error('the broker did not answer');
  // Long enough for a timer loop or a late warning to show.
  await new Promise((resolve) => setTimeout(resolve, 500));
  await broker.close();
  process.stdout.write('done\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
