import { mintOperatorToken } from '@rekey/operator-auth';
import { outboxEvents, startEnrollment, type EnrollmentUnderTest } from './enrollment.fixture';
import { BRIDGE_PASSWORD, enrolledBridgePassword, SignInBrowser } from './sign-in.fixture';

describe('support releases a sign-in lockout, over HTTP', () => {
  let enrollment: EnrollmentUnderTest;

  beforeAll(async () => {
    enrollment = await startEnrollment('enrollment_sign_in_lock', { TRUST_PROXY: '1' });
  }, 120_000);

  afterAll(async () => {
    await enrollment?.stop();
  });

  const release = async (legacyAccountId: string, token?: string, cookie?: string) =>
    fetch(`${enrollment.url}/operator/accounts/${encodeURIComponent(legacyAccountId)}/sign-in-lock/release`, {
      method: 'POST',
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(cookie ? { cookie, origin: enrollment.origin } : {}),
      },
    });
  const supportToken = (scopes: string[] = ['sign-in:unlock']) =>
    mintOperatorToken({ subject: 'support-7', scopes: scopes as never, ttlSeconds: 600 });
  // 100 failures, as the sign-in test makes them over HTTP (that path is covered there).
  const lock = (legacyAccountId: string) =>
    enrollment.db.query(
      `INSERT INTO sign_in_failure (legacy_account_id, consecutive_failures, last_failed_at) VALUES ($1, 100, now())`,
      [legacyAccountId],
    );
  const signIn = async (account: string) => {
    const browser = new SignInBrowser(enrollment);
    await browser.open();
    return browser.signInWithPassword(account, BRIDGE_PASSWORD);
  };

  it('lifts the lockout, records who did it, and answers 404 once nothing is locked', async () => {
    const journey = await enrolledBridgePassword(enrollment);
    await lock(journey.legacyAccountId);
    expect((await signIn(journey.targetAccountId)).status).toBe(401);

    const answer = await release(journey.legacyAccountId, await supportToken());
    expect(answer.status).toBe(204);
    expect((await signIn(journey.targetAccountId)).status).toBe(303);
    const { rows } = await enrollment.db.query(
      `SELECT released_by, failures_at_release, released_at IS NOT NULL AS dated
         FROM sign_in_lock_release WHERE legacy_account_id = $1`,
      [journey.legacyAccountId],
    );
    expect(rows).toEqual([{ released_by: 'support-7', failures_at_release: 100, dated: true }]);
    const released = (await outboxEvents(enrollment.db, journey.legacyAccountId)).filter(
      (event) => event.type === 'rekey.enrollment.sign-in-lock-released.v1',
    );
    expect(released.map((event) => event.data)).toEqual([
      {
        legacyAccountId: journey.legacyAccountId,
        failuresAtRelease: 100,
        releasedBy: { subject: 'support-7', role: 'support' },
      },
    ]);

    const again = await release(journey.legacyAccountId, await supportToken());
    expect(again.status).toBe(404);
    expect(again.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await again.json()) as { status: number }).status).toBe(404);
  });

  it('answers 404 for an unknown account and a few failures, changing nothing', async () => {
    expect((await release('nobody-at-all', await supportToken())).status).toBe(404);
    const journey = await enrolledBridgePassword(enrollment);
    await enrollment.db.query(
      `INSERT INTO sign_in_failure (legacy_account_id, consecutive_failures, last_failed_at) VALUES ($1, 3, now())`,
      [journey.legacyAccountId],
    );
    expect((await release(journey.legacyAccountId, await supportToken())).status).toBe(404);
    const { rows } = await enrollment.db.query(
      `SELECT consecutive_failures FROM sign_in_failure WHERE legacy_account_id = $1`,
      [journey.legacyAccountId],
    );
    expect(rows).toEqual([{ consecutive_failures: 3 }]);
    expect(
      (await outboxEvents(enrollment.db, journey.legacyAccountId)).map((event) => event.type),
    ).not.toContain('rekey.enrollment.sign-in-lock-released.v1');
  });

  it('refuses tokens without the scope, no token and customer sessions, leaving the lock', async () => {
    const journey = await enrolledBridgePassword(enrollment);
    await lock(journey.legacyAccountId);
    expect((await release(journey.legacyAccountId, await supportToken(['enrolments:read']))).status).toBe(
      403,
    );
    expect((await release(journey.legacyAccountId)).status).toBe(401);

    const customer = await enrolledBridgePassword(enrollment);
    const browser = new SignInBrowser(enrollment);
    await browser.open();
    expect((await browser.signInWithPassword(customer.targetAccountId, BRIDGE_PASSWORD)).status).toBe(303);
    const asCustomer = await browser.postJson(
      `/operator/accounts/${encodeURIComponent(journey.legacyAccountId)}/sign-in-lock/release`,
      {},
    );
    expect(asCustomer.status).toBe(401);
    expect((await signIn(journey.targetAccountId)).status).toBe(401);
  });
});
