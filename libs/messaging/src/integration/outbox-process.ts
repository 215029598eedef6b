/**
 * A service process that dies at a chosen moment, for the crash tests:
 *   commit-then-die  — commits a state change and its event, then is killed before any relay runs
 *   publish-then-die — relays the outbox and is killed after the broker acknowledged, before the
 *                      rows are marked sent
 * Usage: node -r tools/register.cjs outbox-process.ts <mode> <database url> <brokers> <topic prefix>
 */
import { DataSource } from 'typeorm';
import { KafkajsBrokerClient } from '../broker/kafkajs-broker.adapter';
import { silentLogger } from '../messaging-logger';
import { OutboxRelay } from '../outbox/outbox-relay';
import { appendToOutbox } from '../outbox/outbox-writer';
import { probe } from './probe-event';

async function main(): Promise<void> {
  const [mode, url, brokers, topicPrefix] = process.argv.slice(2) as [string, string, string, string];
  if (mode === 'commit-then-die') {
    const dataSource = await new DataSource({ type: 'postgres', url }).initialize();
    const event = probe('committed-then-killed', 1);
    await dataSource.transaction((manager) => appendToOutbox(manager, [event]));
    process.stdout.write(`${event.id}\n`, () => process.kill(process.pid, 'SIGKILL'));
    return;
  }
  if (mode === 'publish-then-die') {
    const broker = new KafkajsBrokerClient({
      brokers: brokers.split(','),
      clientId: 'crashing-relay',
      topicPrefix,
    });
    const producer = await broker.producer();
    const dying = {
      publish: async (messages: Parameters<typeof producer.publish>[0]) => {
        await producer.publish(messages);
        process.kill(process.pid, 'SIGKILL');
        await new Promise(() => undefined);
      },
      disconnect: () => producer.disconnect(),
    };
    new OutboxRelay({ databaseUrl: url, producer: dying, logger: silentLogger, pollIntervalMs: 100 }).start();
    return;
  }
  throw new Error(`unknown mode ${mode}`);
}

void main();
