import { createEvent, deadLetterTopic, encodeEvent, EnrollmentCompletedV1, Topics } from '@rekey/contracts';
import {
  DeadLetterHeaders,
  KafkajsBrokerClient,
  type BrokerProducer,
  type IncomingMessage,
} from '@rekey/messaging';
import { ensureLocalStack } from '@rekey/testing';
import {
  journeyStatus,
  postForm,
  seedJourney,
  startCustomerJourneyService,
  type CustomerJourneyService,
  type SeededJourney,
} from './customer-journey.fixture';

async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms: ${String(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function completed(journey: Pick<SeededJourney, 'legacyAccountId' | 'waveId' | 'journeyId'>) {
  return createEvent(
    EnrollmentCompletedV1,
    {
      legacyAccountId: journey.legacyAccountId,
      targetAccountId: `target-${journey.legacyAccountId}`,
      waveId: journey.waveId,
      journeyId: journey.journeyId,
      methods: ['passkey'],
      assuranceLevel: 'aal2',
    },
    { source: 'enrollment', subject: journey.legacyAccountId, journeyId: journey.journeyId },
  );
}

describe('the hand-off of a journey to enrollment', () => {
  let journey: CustomerJourneyService;
  let broker: KafkajsBrokerClient;
  let producer: BrokerProducer;
  const deadLetters: IncomingMessage[] = [];

  beforeAll(async () => {
    journey = await startCustomerJourneyService('reset_hand_off', {
      ENROLLMENT_URL: 'http://127.0.0.1:3999',
    });
    const stack = await ensureLocalStack();
    broker = new KafkajsBrokerClient({
      brokers: stack.kafkaBrokers,
      clientId: 'hand-off-test',
      topicPrefix: String(journey.service.config['KAFKA_TOPIC_PREFIX']),
    });
    producer = await broker.producer();
    await broker.subscribe(
      { groupId: `hand-off-test-dlq-${Date.now()}`, topics: [deadLetterTopic(Topics.enrollment)] },
      async (batch) => {
        deadLetters.push(...batch.messages);
      },
    );
  });

  afterAll(async () => {
    await broker?.close();
    await journey?.stop();
  });

  const inboxRows = async (eventId: string) =>
    (
      await journey.db.query<{ consumer: string }>(`SELECT consumer FROM inbox_message WHERE event_id = $1`, [
        eventId,
      ])
    ).rows.map((row) => row.consumer);

  it('closes a redeemed journey when enrollment completes it, once however often the event arrives', async () => {
    const seeded = await seedJourney(journey.db);
    expect((await postForm(journey, '/reset/redeem', { token: seeded.token })).status).toBe(303);
    expect(await journeyStatus(journey.db, seeded.journeyId)).toBe('redeemed');
    const event = completed(seeded);

    await producer.publish([encodeEvent(event), encodeEvent(event)]);

    await eventually(
      () => journeyStatus(journey.db, seeded.journeyId),
      (status) => status === 'handed_off',
    );
    expect(await inboxRows(event.id)).toEqual(['reset-issuance.journeys']);
  }, 90_000);

  it('takes a second completion of a journey already handed off (a re-enrolment) as done', async () => {
    const seeded = await seedJourney(journey.db);
    await postForm(journey, '/reset/redeem', { token: seeded.token });
    const first = completed(seeded);
    const again = completed(seeded);

    await producer.publish([encodeEvent(first), encodeEvent(again)]);

    await eventually(
      () => inboxRows(again.id),
      (rows) => rows.length === 1,
    );
    expect(await journeyStatus(journey.db, seeded.journeyId)).toBe('handed_off');
  }, 90_000);

  it('dead-letters a completion the transition table refuses, and leaves the journey as it was', async () => {
    // Never redeemed: enrollment cannot have taken it over.
    const seeded = await seedJourney(journey.db);
    const event = completed(seeded);

    await producer.publish([encodeEvent(event)]);

    const letter = await eventually(
      async () => deadLetters.find((message) => message.key === seeded.legacyAccountId),
      Boolean,
    );
    expect(letter?.headers[DeadLetterHeaders.code]).toBe('journey.invalid-transition');
    expect(letter?.headers[DeadLetterHeaders.consumer]).toBe('reset-issuance.journeys');
    expect(await journeyStatus(journey.db, seeded.journeyId)).toBe('issued');
    expect(await inboxRows(event.id)).toEqual([]);
  }, 90_000);

  it('dead-letters a completion that names another account than the journey’s', async () => {
    const seeded = await seedJourney(journey.db);
    await postForm(journey, '/reset/redeem', { token: seeded.token });
    const forged = completed({ ...seeded, legacyAccountId: `other-${seeded.legacyAccountId}` });

    await producer.publish([encodeEvent(forged)]);

    const letter = await eventually(
      async () => deadLetters.find((message) => message.key === `other-${seeded.legacyAccountId}`),
      Boolean,
    );
    expect(letter?.headers[DeadLetterHeaders.code]).toBe('journey.other-account');
    expect(await journeyStatus(journey.db, seeded.journeyId)).toBe('redeemed');
  }, 90_000);
});
