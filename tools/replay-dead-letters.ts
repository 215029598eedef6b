/**
 * `npm run dlq:replay -- --topic rekey.reset [--consumer reset-issuance.recorder]`
 *
 * Moves the dead letters of a topic back onto it, once the cause is fixed. Uses KAFKA_BROKERS when
 * set, the local stack's broker otherwise, and the services' KAFKA_TOPIC_PREFIX when they run under
 * one. Safe to run twice: what was replayed is not replayed again.
 */
import { parseArgs } from 'node:util';
import { RestrictedTopics, Topics } from '@rekey/contracts';
import { KafkajsBrokerClient, replayDeadLetters } from '@rekey/messaging';
import { ensureLocalStack } from '@rekey/testing';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      topic: { type: 'string' },
      consumer: { type: 'string' },
      'timeout-seconds': { type: 'string', default: '60' },
    },
    strict: true,
  });
  const topics = [...Object.values(Topics), ...Object.values(RestrictedTopics)] as string[];
  if (!values.topic || !topics.includes(values.topic)) {
    throw new Error(`--topic must be one of ${topics.join(', ')}`);
  }
  const brokers = process.env['KAFKA_BROKERS']?.split(',') ?? (await ensureLocalStack()).kafkaBrokers;
  const broker = new KafkajsBrokerClient({
    brokers,
    clientId: 'rekey-dlq-replay',
    topicPrefix: process.env['KAFKA_TOPIC_PREFIX'] ?? '',
  });
  try {
    const producer = await broker.producer();
    const report = await replayDeadLetters({
      broker,
      producer,
      topic: values.topic,
      ...(values.consumer ? { consumer: values.consumer } : {}),
      timeoutMs: Number(values['timeout-seconds']) * 1000,
    });
    process.stdout.write(
      `replayed ${report.replayed} dead letter(s) from ${values.topic}.dlq to ${values.topic}` +
        (values.consumer ? ` (skipped ${report.skipped} of other consumers)` : '') +
        '\n',
    );
  } finally {
    await broker.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`dlq:replay: ${(error as Error).message}\n`);
  process.exit(1);
});
