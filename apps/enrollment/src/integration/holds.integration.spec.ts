import { randomUUID } from 'node:crypto';
import {
  createEvent,
  encodeEvent,
  FraudHoldPlacedV1,
  FraudHoldReleasedV1,
  ResetHoldPlacedV1,
} from '@rekey/contracts';
import { KafkajsBrokerClient, type BrokerProducer } from '@rekey/messaging';
import { eventually } from '@rekey/testing';
import { aJourney, CustomerClient, startEnrollment, type EnrollmentUnderTest } from './enrollment.fixture';

describe('holds from reset-issuance and fraud monitoring stop enrolment', () => {
  let enrollment: EnrollmentUnderTest;
  let broker: KafkajsBrokerClient;
  let producer: BrokerProducer;

  beforeAll(async () => {
    enrollment = await startEnrollment('enrollment_holds');
    broker = new KafkajsBrokerClient({ ...enrollment.kafka, clientId: 'enrollment-holds-test' });
    producer = await broker.producer();
  }, 120_000);

  afterAll(async () => {
    await broker?.close();
    await enrollment?.stop();
  });

  const held = async (legacyAccountId: string) => {
    const { rows } = await enrollment.db.query(
      `SELECT 1 FROM account_hold WHERE legacy_account_id = $1 AND released_at IS NULL`,
      [legacyAccountId],
    );
    return rows.length > 0;
  };

  it('refuses a held account until security releases its fraud hold', async () => {
    const journey = aJourney();
    const holdId = randomUUID();
    const context = { source: 'fraud-monitoring', subject: journey.legacyAccountId };
    const placed = createEvent(
      FraudHoldPlacedV1,
      { holdId, legacyAccountId: journey.legacyAccountId, signalIds: [randomUUID()] },
      context,
    );
    await producer.publish([encodeEvent(placed), encodeEvent(placed)]);
    await eventually(async () => ((await held(journey.legacyAccountId)) ? true : undefined));
    const refused = await new CustomerClient(enrollment).exchange(await enrollment.grants.sign(journey));
    expect(refused.status).toBe(400);

    const released = createEvent(
      FraudHoldReleasedV1,
      {
        holdId,
        legacyAccountId: journey.legacyAccountId,
        releasedBy: { subject: 'analyst@example.test', role: 'security' },
      },
      context,
    );
    await producer.publish([encodeEvent(released)]);
    await eventually(async () => ((await held(journey.legacyAccountId)) ? undefined : true));
    const opened = await new CustomerClient(enrollment).exchange(await enrollment.grants.sign(journey));
    expect(opened.status).toBe(303);
  }, 90_000);

  it("keeps an operator's reset hold", async () => {
    const journey = aJourney();
    await producer.publish([
      encodeEvent(
        createEvent(
          ResetHoldPlacedV1,
          {
            legacyAccountId: journey.legacyAccountId,
            holdId: randomUUID(),
            reason: 'customer called: lost phone',
            placedBy: { subject: 'operator@example.test', role: 'operator' },
          },
          { source: 'reset-issuance', subject: journey.legacyAccountId },
        ),
      ),
    ]);
    await eventually(async () => ((await held(journey.legacyAccountId)) ? true : undefined));
    expect(
      (await new CustomerClient(enrollment).exchange(await enrollment.grants.sign(journey))).status,
    ).toBe(400);
  }, 90_000);
});
