import { mintOperatorToken } from '@rekey/operator-auth';
import {
  outboxEvents,
  seedJourney,
  startCustomerJourneyService,
  type CustomerJourneyService,
} from './customer-journey.fixture';

describe('placing a hold', () => {
  let journey: CustomerJourneyService;
  let token: string;

  beforeAll(async () => {
    journey = await startCustomerJourneyService('reset_holds');
    token = await mintOperatorToken({
      subject: 'alice@example.com',
      scopes: ['holds:write'],
      ttlSeconds: 300,
    });
  });

  afterAll(async () => {
    await journey?.stop();
  });

  const place = (body: unknown) =>
    fetch(`${journey.url}/operator/holds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });

  it('holds an account a directory holds, and the event does not call it deliberate', async () => {
    const seeded = await seedJourney(journey.db);
    const response = await place({ legacyAccountId: seeded.legacyAccountId, reason: 'suspected takeover' });
    expect(response.status).toBe(201);
    const [event] = (await outboxEvents(journey.db, seeded.legacyAccountId)).filter(
      (candidate) => candidate.type === 'rekey.reset.hold-placed.v1',
    );
    expect(event!.data['deliberate']).toBeUndefined();
  });

  it('refuses an account id no directory holds with 404, placing nothing', async () => {
    const response = await place({ legacyAccountId: 'legacy-typo-42', reason: 'suspected takeover' });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ code: 'hold.unknown-account' });
    const { rows } = await journey.db.query(`SELECT 1 FROM account_hold WHERE legacy_account_id = $1`, [
      'legacy-typo-42',
    ]);
    expect(rows).toHaveLength(0);
  });

  it('holds an unknown account id when the operator says it is deliberate, and records that', async () => {
    const response = await place({
      legacyAccountId: 'legacy-not-yet-linked',
      reason: 'ahead of import',
      deliberate: true,
    });
    expect(response.status).toBe(201);
    const events = await outboxEvents(journey.db, 'legacy-not-yet-linked');
    expect(events).toEqual([
      expect.objectContaining({
        type: 'rekey.reset.hold-placed.v1',
        data: expect.objectContaining({ deliberate: true, reason: 'ahead of import' }),
      }),
    ]);
  });
});
