import { RateLimitSweeper } from '../rate-limits/rate-limit-sweeper';
import {
  postForm,
  seedJourney,
  startCustomerJourneyService,
  type CustomerJourneyService,
} from './customer-journey.fixture';

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

  it('limits an account once a token resolves to it, whatever the address', async () => {
    await untilNextWindow();
    const seeded = await seedJourney(journey.db, { tokenStatus: 'redeemed' });
    const statuses = [];
    for (const ip of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
      statuses.push((await postForm(journey, '/reset/redeem', { token: seeded.token }, from(ip))).status);
    }
    expect(statuses).toEqual([400, 400, 429]);
  });

  it('gives the same 429 whichever limit was reached', async () => {
    await untilNextWindow();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await postForm(journey, '/reset/redeem', { token: 'y' }, from('192.0.2.50'));
    }
    const byIp = await postForm(journey, '/reset/redeem', { token: 'y' }, from('192.0.2.50'));
    const seeded = await seedJourney(journey.db, { tokenStatus: 'expired' });
    await postForm(journey, '/reset/redeem', { token: seeded.token }, from('192.0.2.60'));
    await postForm(journey, '/reset/redeem', { token: seeded.token }, from('192.0.2.61'));
    const byAccount = await postForm(journey, '/reset/redeem', { token: seeded.token }, from('192.0.2.62'));
    expect(byIp.status).toBe(429);
    expect(byAccount.status).toBe(429);
    expect(await byIp.text()).toBe(await byAccount.text());
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
