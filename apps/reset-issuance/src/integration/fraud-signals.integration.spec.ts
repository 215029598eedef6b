import { randomUUID } from 'node:crypto';
import {
  createEvent,
  deadLetterTopic,
  DeadLetterHeaders,
  encodeEvent,
  FraudSignalRaisedV1,
  Topics,
} from '@rekey/contracts';
import { KafkajsBrokerClient, type BrokerProducer, type IncomingMessage } from '@rekey/messaging';
import {
  outboxEvents,
  postForm,
  seedJourney,
  startCustomerJourneyService,
  type CustomerJourneyService,
} from './customer-journey.fixture';

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function signalAbout(legacyAccountId: string, overrides: Partial<FraudSignalRaisedV1> = {}) {
  return createEvent(
    FraudSignalRaisedV1,
    {
      signalId: randomUUID(),
      kind: 'failed_redemption_burst',
      severity: 'high',
      riskScore: 0.9,
      legacyAccountId,
      observedCount: 25,
      windowStartedAt: new Date(Date.now() - 300_000).toISOString(),
      windowEndedAt: new Date().toISOString(),
      action: 'step_up',
      ...overrides,
    },
    { source: 'fraud-monitoring', subject: legacyAccountId },
  );
}

const twoChannels = [
  { kind: 'email' as const, value: 'customer@example.com' },
  { kind: 'sms' as const, value: '+33612345678' },
];

describe('fraud signals flag accounts for step-up', () => {
  let journey: CustomerJourneyService;
  let broker: KafkajsBrokerClient;
  let producer: BrokerProducer;

  beforeAll(async () => {
    journey = await startCustomerJourneyService('reset_fraud_signals');
    broker = new KafkajsBrokerClient({ ...journey.kafka, clientId: 'fraud-signals-test' });
    producer = await broker.producer();
  }, 120_000);

  afterAll(async () => {
    await broker?.close();
    await journey?.stop();
  });

  async function flagsOf(legacyAccountId: string): Promise<Array<{ signal_id: string; reason: string }>> {
    const { rows } = await journey.db.query<{ signal_id: string; reason: string }>(
      `SELECT signal_id, reason FROM fraud_flag WHERE legacy_account_id = $1 ORDER BY flagged_at`,
      [legacyAccountId],
    );
    return rows;
  }

  const flagged = (legacyAccountId: string, signalId: string) =>
    eventually(async () =>
      (await flagsOf(legacyAccountId)).some((flag) => flag.signal_id === signalId) ? true : undefined,
    );

  it("makes the account's next redemption ask for a step-up with reason fraud_flag", async () => {
    const seeded = await seedJourney(journey.db, { contacts: twoChannels });
    const signal = signalAbout(seeded.legacyAccountId);
    await producer.publish([encodeEvent(signal)]);
    await flagged(seeded.legacyAccountId, signal.data.signalId);

    const response = await postForm(journey, '/reset/redeem', { token: seeded.token });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/reset/step-up');
    const events = await outboxEvents(journey.db, seeded.legacyAccountId);
    expect(events.find((event) => event.type === 'rekey.reset.step-up-required.v1')).toMatchObject({
      data: { method: 'one_time_passcode', reasons: ['fraud_flag'] },
    });
  }, 90_000);

  it('records one flag for a signal delivered twice or republished under another event id', async () => {
    const legacyAccountId = `legacy-${randomUUID()}`;
    const signal = signalAbout(legacyAccountId);
    const republished = createEvent(FraudSignalRaisedV1, signal.data, {
      source: 'fraud-monitoring',
      subject: legacyAccountId,
    });
    // Same key, so same partition: once the last is flagged, the ones before it were handled.
    const last = signalAbout(legacyAccountId, {
      kind: 'velocity_account',
      severity: 'medium',
      action: 'none',
    });
    const ignored = signalAbout(legacyAccountId, { kind: 'enumeration', severity: 'low', action: 'none' });
    await producer.publish([signal, signal, republished, ignored, last].map(encodeEvent));
    await flagged(legacyAccountId, last.data.signalId);

    expect(await flagsOf(legacyAccountId)).toEqual([
      { signal_id: signal.data.signalId, reason: 'failed_redemption_burst' },
      { signal_id: last.data.signalId, reason: 'velocity_account' },
    ]);
  }, 90_000);

  it('dead-letters a malformed signal with its reason and flags nothing', async () => {
    const legacyAccountId = `legacy-${randomUUID()}`;
    const signal = signalAbout(legacyAccountId);
    const encoded = encodeEvent(signal);
    const malformed = {
      ...encoded,
      value: Buffer.from(JSON.stringify({ ...signal.data, severity: 'extreme' })),
    };
    const deadLetters: IncomingMessage[] = [];
    const subscription = await broker.subscribe(
      { groupId: `fraud-signals-dlq-reader-${randomUUID()}`, topics: [deadLetterTopic(Topics.fraud)] },
      async (batch) => void deadLetters.push(...batch.messages),
    );
    try {
      await producer.publish([malformed]);
      const deadLetter = await eventually(async () =>
        deadLetters.find((message) => message.headers['ce_id'] === signal.id),
      );
      expect(deadLetter.headers[DeadLetterHeaders.consumer]).toBe('reset-issuance.fraud-signals');
      expect(deadLetter.headers[DeadLetterHeaders.sourceTopic]).toBe(Topics.fraud);
      expect(deadLetter.headers[DeadLetterHeaders.reason]).toMatch(/severity/);
      expect(deadLetter.value?.toString()).toBe(malformed.value.toString());
    } finally {
      await subscription.stop();
    }
    expect(await flagsOf(legacyAccountId)).toEqual([]);
  }, 90_000);
});
