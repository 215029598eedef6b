import { allTopics } from '@rekey/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { ensureLocalStack } from '../local-stack/local-stack';
import { isolatedPlatform } from './isolated-platform';

async function topicsOnBroker(): Promise<Set<string>> {
  const stack = await ensureLocalStack();
  const admin = new Kafka({ brokers: stack.kafkaBrokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return new Set(await admin.listTopics());
  } finally {
    await admin.disconnect();
  }
}

async function databaseExists(url: string): Promise<boolean> {
  const stack = await ensureLocalStack();
  const client = new Client({ connectionString: stack.postgresAdminUrl });
  await client.connect();
  try {
    const name = new URL(url).pathname.slice(1);
    return (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

describe('an isolated platform', () => {
  it("gives each service a database of its own role and the platform's topics under one prefix, and drops both", async () => {
    const platform = await isolatedPlatform('isolation spec');
    const environment = await platform.serviceEnvironment('audit');
    expect(environment['KAFKA_TOPIC_PREFIX']).toBe(platform.topicPrefix);
    const url = environment['DATABASE_URL']!;
    expect(url).not.toBe((await ensureLocalStack()).databaseUrl('audit'));
    expect(await platform.databaseUrl('audit')).toBe(url);

    const client = new Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ user: string; owner: string }>(
      `SELECT current_user AS user, pg_get_userbyid(datdba) AS owner
         FROM pg_database WHERE datname = current_database()`,
    );
    await client.end();
    expect(rows).toEqual([{ user: 'audit', owner: 'audit' }]);

    const prefixed = allTopics().map((topic) => `${platform.topicPrefix}${topic}`);
    expect([...(await topicsOnBroker())]).toEqual(expect.arrayContaining(prefixed));

    await platform.dispose();
    expect(await databaseExists(url)).toBe(false);
    const left = await topicsOnBroker();
    expect(prefixed.filter((topic) => left.has(topic))).toEqual([]);
  });
});
