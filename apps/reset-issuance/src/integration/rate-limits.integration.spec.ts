import { randomUUID } from 'node:crypto';
import { RateLimitSweeper } from '../rate-limits/rate-limit-sweeper';
import { generateResetToken, hashResetToken } from '../tokens/domain/reset-token';
import {
  postForm,
  seedJourney,
  startCustomerJourneyService,
  type CustomerJourneyService,
  type SeededJourney,
} from './customer-journey.fixture';

/** An older link of the same journey, replaced by the seeded one: what a phisher may hold. */
async function seedSupersededLink(journey: CustomerJourneyService, seeded: SeededJourney): Promise<string> {
  const token = generateResetToken();
  await journey.db.query(
    `INSERT INTO reset_token (id, token_hash, journey_id, legacy_account_id, wave_id, status, trigger, channel_kind,
       issued_at, expires_at, delivered_at, superseded_by)
     VALUES ($1, $2, $3, $4, $5, 'superseded', 'wave', 'email', now() - interval '1 hour',
       now() + interval '1 minute', now() - interval '1 hour', $6)`,
    [
      randomUUID(),
      hashResetToken(token),
      seeded.journeyId,
      seeded.legacyAccountId,
      seeded.waveId,
      seeded.tokenId,
    ],
  );
  return token;
}

const WINDOW_SECONDS = 2;

async function untilNextWindow(): Promise<void> {
  const length = WINDOW_SECONDS * 1000;
  await new Promise((resolve) => setTimeout(resolve, length - (Date.now() % length) + 50));
}

describe('rate limits shared through PostgreSQL', () => {
  let journey: CustomerJourneyService;

  beforeAll(async () => {
    journey = await startCustomerJourneyService('reset_limits', {
      RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS),
      REDEEM_LIMIT_PER_IP: '3',
      REDEEM_LIMIT_PER_SUBNET: '1000',
      REDEEM_LIMIT_PER_ACCOUNT: '2',
      REQUEST_LINK_LIMIT_PER_IP: '2',
      TRUST_PROXY: '1',
    });
  });

  afterAll(async () => {
    await journey?.stop();
  });

  // Each test speaks from its own address (through the trusted proxy), so their counters are apart.
  const from = (ip: string) => ({ 'x-forwarded-for': ip });

  it('answers 429 with Retry-After past the per-IP limit, then lets the client in again', async () => {
    await untilNextWindow();
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const response = await postForm(journey, '/reset/redeem', { token: 'x' }, from('198.51.100.10'));
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }
    expect(statuses).toEqual([400, 400, 400, 429]);
    const retryAfter = Number(limited!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect(limited!.headers.get('cache-control')).toBe('no-store');
    expect(await limited!.text()).toContain('Too many attempts');

    // Another address is not affected.
    expect((await postForm(journey, '/reset/redeem', { token: 'x' }, from('198.51.101.10'))).status).toBe(
      400,
    );

    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 50));
    expect((await postForm(journey, '/reset/redeem', { token: 'x' }, from('198.51.100.10'))).status).toBe(
      400,
    );
  });

  it('answers a dead token, replayed from many addresses, exactly as an unknown one: no oracle', async () => {
    await untilNextWindow();
    const dead = {
      used: (await seedJourney(journey.db, { tokenStatus: 'redeemed' })).token,
      superseded: (await seedJourney(journey.db, { tokenStatus: 'superseded' })).token,
      expired: (await seedJourney(journey.db, { tokenStatus: 'expired' })).token,
      pastItsTime: (await seedJourney(journey.db, { expiresInMinutes: -1 })).token,
      held: (await seedJourney(journey.db, { held: true })).token,
      unknown: generateResetToken(),
    };
    const answers: Record<string, Array<{ status: number; body: string }>> = {};
    let subnet = 0;
    for (const [state, token] of Object.entries(dead)) {
      answers[state] = [];
      // Past the per-account limit (2), each attempt from an address and subnet of its own.
      for (let attempt = 0; attempt < 4; attempt += 1) {
        subnet += 1;
        const response = await postForm(journey, '/reset/redeem', { token }, from(`10.9.${subnet}.1`));
        answers[state].push({ status: response.status, body: await response.text() });
      }
    }
    for (const state of Object.keys(dead)) expect(answers[state]).toEqual(answers['unknown']);
    expect(answers['unknown']!.map((answer) => answer.status)).toEqual([400, 400, 400, 400]);
  });

  it('never lets replays of an old, superseded link block the live one', async () => {
    await untilNextWindow();
    const seeded = await seedJourney(journey.db);
    const old = await seedSupersededLink(journey, seeded);
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const replay = await postForm(journey, '/reset/redeem', { token: old }, from(`10.8.${attempt}.1`));
      expect(replay.status).toBe(400);
    }
    const live = await postForm(journey, '/reset/redeem', { token: seeded.token }, from('10.8.100.1'));
    expect(live.status).toBe(303);
  });

  it('limits new-link requests per address', async () => {
    await untilNextWindow();
    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      statuses.push(
        (
          await postForm(
            journey,
            '/reset/request-link',
            { email: 'someone@example.com' },
            from('2001:db8::7'),
          )
        ).status,
      );
    }
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('records the first refusal of a window as a rate-limited failure, with the client address', async () => {
    await untilNextWindow();
    for (let attempt = 0; attempt < 6; attempt += 1) {
      await postForm(journey, '/reset/redeem', { token: 'z' }, from('198.51.100.99'));
    }
    const { rows } = await journey.db.query(
      `SELECT payload FROM outbox_message WHERE message_key = '198.51.100.99' AND event_type = 'rekey.reset.redemption-failed.v1'`,
    );
    const reasons = rows.map((row: { payload: Buffer }) => JSON.parse(row.payload.toString()).reason);
    expect(reasons.filter((reason: string) => reason === 'rate_limited')).toHaveLength(1);
    expect(reasons.filter((reason: string) => reason === 'unknown')).toHaveLength(3);
  });

  it('sweeps windows that are over', async () => {
    await postForm(journey, '/reset/redeem', { token: 'w' }, from('198.51.100.200'));
    await new Promise((resolve) => setTimeout(resolve, WINDOW_SECONDS * 2 * 1000 + 100));
    const swept = await journey.service.app.get(RateLimitSweeper).sweep();
    expect(swept).toBeGreaterThan(0);
    const { rows } = await journey.db.query(
      `SELECT count(*)::int AS left FROM rate_limit_window WHERE window_start < now() - interval '${WINDOW_SECONDS * 2} seconds'`,
    );
    expect(rows[0].left).toBe(0);
  });
});

describe('the global redemption limit under a flood of bad tokens', () => {
  let journey: CustomerJourneyService;

  beforeAll(async () => {
    journey = await startCustomerJourneyService('reset_global_limit', {
      RATE_LIMIT_WINDOW_SECONDS: '60',
      RATE_LIMIT_GLOBAL_SHARDS: '1',
      REDEEM_LIMIT_PER_IP: '3',
      REDEEM_LIMIT_PER_SUBNET: '1000',
      REDEEM_LIMIT_GLOBAL: '5',
      TRUST_PROXY: '1',
    });
  });

  afterAll(async () => {
    await journey?.stop();
  });

  const from = (ip: string) => ({ 'x-forwarded-for': ip });

  it('refuses unknown and dead tokens past it, and still lets a live link through', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const response = await postForm(
        journey,
        '/reset/redeem',
        { token: generateResetToken() },
        from(`10.7.${attempt}.1`),
      );
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    const dead = await seedJourney(journey.db, { tokenStatus: 'superseded' });
    expect((await postForm(journey, '/reset/redeem', { token: dead.token }, from('10.7.50.1'))).status).toBe(
      429,
    );

    const seeded = await seedJourney(journey.db);
    const live = await postForm(journey, '/reset/redeem', { token: seeded.token }, from('10.7.60.1'));
    expect(live.status).toBe(303);
  });

  it('gives the same 429 whichever limit was reached', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await postForm(journey, '/reset/redeem', { token: 'y' }, from('192.0.2.50'));
    }
    const byIp = await postForm(journey, '/reset/redeem', { token: 'y' }, from('192.0.2.50'));
    const byGlobal = await postForm(journey, '/reset/redeem', { token: 'y' }, from('192.0.2.70'));
    expect(byIp.status).toBe(429);
    expect(byGlobal.status).toBe(429);
    expect(await byIp.text()).toBe(await byGlobal.text());
  });
});
