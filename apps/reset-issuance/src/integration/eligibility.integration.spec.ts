import { randomUUID } from 'node:crypto';
import {
  createEvent,
  encodeEvent,
  eventRegistry,
  IdentityContactsReleasedV1,
  isEventOf,
  RestrictedTopics,
} from '@rekey/contracts';
import { EventConsumer, KafkajsBrokerClient, silentLogger, type BrokerProducer } from '@rekey/messaging';
import { createIsolatedTopics, ensureLocalStack } from '@rekey/testing';
import type { DataSource } from 'typeorm';
import { TypeormEligibleAccountStore } from '../eligibility/adapters/typeorm-eligible-account-store.adapter';
import { contactHash } from '../eligibility/domain/contact-hash';
import { RecordEligibleAccount } from '../eligibility/record-eligible-account';
import { scratchDatabase } from './issuance-fixture';

async function eventually(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function linked(legacyAccountId: string, email: string, segment: 'standard' | 'privileged' = 'standard') {
  return createEvent(
    IdentityContactsReleasedV1,
    {
      legacyAccountId,
      targetAccountId: `T-${legacyAccountId}`,
      targetAccountCreated: false,
      segment,
      segments: [segment],
      band: 'high',
      verifiedContacts: [{ kind: 'email', value: email }],
    },
    { source: 'identity-matching', subject: legacyAccountId },
  );
}

describe('eligibility from identity links', () => {
  let database: { dataSource: DataSource };
  let broker: KafkajsBrokerClient;
  let producer: BrokerProducer;
  let consumer: EventConsumer;

  beforeAll(async () => {
    database = await scratchDatabase('reset_eligibility');
    const stack = await ensureLocalStack();
    const topicPrefix = await createIsolatedTopics([RestrictedTopics.identityContacts], 1);
    broker = new KafkajsBrokerClient({
      brokers: stack.kafkaBrokers,
      clientId: 'eligibility-test',
      topicPrefix,
    });
    producer = await broker.producer();
    const record = new RecordEligibleAccount(new TypeormEligibleAccountStore());
    consumer = new EventConsumer({
      name: `reset-issuance.eligibility.${randomUUID().slice(0, 8)}`,
      topics: [RestrictedTopics.identityContacts],
      handlers: {
        [IdentityContactsReleasedV1.type]: async (event, manager) => {
          if (isEventOf(IdentityContactsReleasedV1, event)) await record.execute(event, manager);
        },
      },
      registry: eventRegistry,
      dataSource: database.dataSource,
      broker,
      producer,
      logger: silentLogger,
    });
    await consumer.start();
  });

  afterAll(async () => {
    await consumer.stop();
    await broker.close();
    await database.dataSource.destroy();
  });

  it('records a linked account once even when the link is delivered twice, and a later relink replaces it', async () => {
    const { dataSource } = database;
    const first = linked('L-1', 'Jane@Example.com');
    await producer.publish([encodeEvent(first)]);
    await producer.publish([encodeEvent(first)]);
    const relink = linked('L-1', 'jane.new@example.com', 'privileged');
    await producer.publish([encodeEvent(relink)]);

    const accounts = () =>
      dataSource.query(`SELECT legacy_account_id, segment, link_event_id FROM eligible_account`) as Promise<
        Array<{ legacy_account_id: string; segment: string; link_event_id: string }>
      >;
    await eventually(async () => (await accounts())[0]?.link_event_id === relink.id);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await accounts()).toEqual([
      { legacy_account_id: 'L-1', segment: 'privileged', link_event_id: relink.id },
    ]);
    const [{ handled }] = await dataSource.query(
      `SELECT count(*)::int AS handled FROM inbox_message WHERE event_id = $1`,
      [first.id],
    );
    expect(handled).toBe(1);
    const contacts: Array<{ contact_hash: Buffer }> = await dataSource.query(
      `SELECT contact_hash FROM eligible_contact WHERE legacy_account_id = 'L-1'`,
    );
    expect(contacts.map((row) => row.contact_hash)).toEqual([contactHash('email', 'jane.new@example.com')]);
  });
});
