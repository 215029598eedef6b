import { generateKeyPairSync } from 'node:crypto';
import {
  aJourney,
  CustomerClient,
  outboxEvents,
  startEnrollment,
  type EnrollmentUnderTest,
} from './enrollment.fixture';

describe('the grant exchange opens one enrolment session per grant', () => {
  let enrollment: EnrollmentUnderTest;

  beforeAll(async () => {
    enrollment = await startEnrollment('enrollment_grants');
  }, 120_000);

  afterAll(async () => {
    await enrollment?.stop();
  });

  it('serves a landing page that reads the grant from the fragment and posts it, with strict headers', async () => {
    const response = await fetch(`${enrollment.url}/enroll`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'nonce-[^']+'/);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const html = await response.text();
    expect(html).toContain('location.hash');
    expect(html).toContain('action="/enroll/session"');
  });

  it('exchanges a grant for an HttpOnly, SameSite=Strict cookie whose hash alone is stored, once', async () => {
    const journey = aJourney();
    const grant = await enrollment.grants.sign(journey);
    const customer = new CustomerClient(enrollment);
    const response = await customer.exchange(grant);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/enroll/methods');
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(
      /^rekey_enrollment=[A-Za-z0-9_-]{43}; Path=\/enroll; Max-Age=1800; HttpOnly; SameSite=Strict$/,
    );
    const token = cookie.split(';')[0]!.split('=')[1]!;

    const { rows } = await enrollment.db.query<{ session_hash: Buffer }>(
      `SELECT s.session_hash FROM customer_session s WHERE s.journey_id = $1`,
      [journey.journeyId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.session_hash.toString('base64url')).not.toBe(token);
    expect((await customer.page('/enroll/methods')).status).toBe(200);
    expect(await outboxEvents(enrollment.db, journey.legacyAccountId)).toEqual([
      {
        type: 'rekey.enrollment.started.v1',
        data: expect.objectContaining({ journeyId: journey.journeyId, minimumAssurance: 'aal1' }),
      },
    ]);

    // The same grant again (a replay) gets the neutral refusal and no second session.
    const replay = await new CustomerClient(enrollment).exchange(grant);
    expect(replay.status).toBe(400);
    expect(replay.headers.get('set-cookie')).toBeNull();
    const { rows: after } = await enrollment.db.query(
      `SELECT 1 FROM customer_session WHERE journey_id = $1`,
      [journey.journeyId],
    );
    expect(after).toHaveLength(1);
  });

  it('keeps the trace context of the latest grant of a journey that carried one', async () => {
    const journey = aJourney();
    const first = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const second = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const traceOf = async () =>
      (
        await enrollment.db.query<{ journey_traceparent: string | null }>(
          `SELECT journey_traceparent FROM enrolment WHERE journey_id = $1`,
          [journey.journeyId],
        )
      ).rows[0]?.journey_traceparent;

    for (const [traceparent, kept] of [
      [first, first],
      [second, second],
      [undefined, second],
    ] as const) {
      const grant = await enrollment.grants.sign({ ...journey, ...(traceparent ? { traceparent } : {}) });
      expect((await new CustomerClient(enrollment).exchange(grant)).status).toBe(303);
      expect(await traceOf()).toBe(kept);
    }
  });

  it('gives expired, forged and malformed grants the same page as a replayed one, and changes nothing', async () => {
    const journey = aJourney();
    const expired = await enrollment.grants.sign(journey, {
      now: new Date(Date.now() - 600_000),
      lifetimeSeconds: 60,
    });
    const forged = await enrollment.grants.sign(journey, {
      key: generateKeyPairSync('ed25519').privateKey,
    });
    const pages = new Set<string>();
    for (const grant of [expired, forged, 'not-a-grant', `${forged.slice(0, -4)}AAAA`, 'x'.repeat(5000)]) {
      const response = await new CustomerClient(enrollment).exchange(grant);
      expect(response.status).toBe(400);
      expect(response.headers.get('set-cookie')).toBeNull();
      const html = await response.text();
      expect(html).not.toContain(grant.slice(0, 20));
      pages.add(html);
    }
    expect(pages.size).toBe(1);
    const { rows } = await enrollment.db.query(`SELECT 1 FROM enrolment WHERE journey_id = $1`, [
      journey.journeyId,
    ]);
    expect(rows).toHaveLength(0);
  });

  it('refuses a grant posted from another origin before spending it', async () => {
    const journey = aJourney();
    const grant = await enrollment.grants.sign(journey);
    const crossSite = await new CustomerClient(enrollment).exchange(grant, {
      origin: 'https://evil.example',
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get('content-type')).toContain('text/html');
    // Still unspent: the customer's own page can use it.
    expect((await new CustomerClient(enrollment).exchange(grant)).status).toBe(303);
  });

  it('refuses a held account with the same neutral page, and records why', async () => {
    const journey = aJourney();
    await enrollment.db.query(
      `INSERT INTO account_hold (hold_id, legacy_account_id, source, placed_at) VALUES (gen_random_uuid(), $1, 'fraud', now())`,
      [journey.legacyAccountId],
    );
    const response = await new CustomerClient(enrollment).exchange(await enrollment.grants.sign(journey));
    expect(response.status).toBe(400);
    expect(await outboxEvents(enrollment.db, journey.legacyAccountId)).toEqual([
      { type: 'rekey.enrollment.failed.v1', data: expect.objectContaining({ reason: 'held' }) },
    ]);
  });

  it('sends a customer without a live session to the session-ended page, never to a problem document', async () => {
    const response = await new CustomerClient(enrollment).page('/enroll/methods');
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('text/html');
  });
});
