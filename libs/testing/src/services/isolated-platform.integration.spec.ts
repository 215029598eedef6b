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

async function topicsLeftAfter(topics: string[], timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const onBroker = await topicsOnBroker();
    const left = topics.filter((topic) => onBroker.has(topic));
    if (left.length === 0 || Date.now() > deadline) return left;
    await new Promise((resolve) => setTimeout(resolve, 250));
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
    // audit's database belongs to a role of its own, so that the service's role cannot alter its log.
    expect(rows).toEqual([{ user: 'audit', owner: 'audit_owner' }]);

    const prefixed = allTopics().map((topic) => `${platform.topicPrefix}${topic}`);
    expect([...(await topicsOnBroker())]).toEqual(expect.arrayContaining(prefixed));

    await platform.dispose();
    expect(await databaseExists(url)).toBe(false);
    // The broker deletes topics asynchronously: its metadata may list them for a moment longer.
    expect(await topicsLeftAfter(prefixed, 15_000)).toEqual([]);
  });
});
