import { mintOperatorToken } from '@rekey/operator-auth';
import { startEnrollment, type EnrollmentUnderTest } from './enrollment.fixture';
import { codeFor } from './factor-pages.fixture';
import {
  anAddress,
  BRIDGE_PASSWORD,
  enrolledBridgePassword,
  enrolledTotpAndPassword,
  recoveryCodesOf,
  SECOND_FACTOR_PASSWORD,
  SignInBrowser,
} from './sign-in.fixture';

const PER_IP = 8;

describe('sign-in after the move: limits, recovery codes and the verification API, over HTTP', () => {
  let enrollment: EnrollmentUnderTest;

  beforeAll(async () => {
    enrollment = await startEnrollment('enrollment_sign_in_api', {
      TRUST_PROXY: '1',
      SIGN_IN_LIMIT_PER_IP: String(PER_IP),
      SIGN_IN_LIMIT_PER_SUBNET: '1000',
      // An hour's window: a run never straddles two, so the count of a case is its own.
      SIGN_IN_RATE_LIMIT_WINDOW_SECONDS: '3600',
    });
  }, 120_000);

  afterAll(async () => {
    await enrollment?.stop();
  });

  describe('limits and request rules', () => {
    it('answers 429 with Retry-After once an address is past its limit', async () => {
      const browser = new SignInBrowser(enrollment);
      await browser.open();
      for (let attempt = 0; attempt < PER_IP; attempt += 1) {
        expect((await browser.signInWithPassword('nobody', 'wrong')).status).toBe(401);
      }
      const limited = await browser.signInWithPassword('nobody', 'wrong');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

      const api = await browser.postJson('/sign-in/passkey', { id: 'x' });
      expect(api.status).toBe(429);
      expect(api.headers.get('content-type')).toContain('application/problem+json');
      expect(Number(api.headers.get('retry-after'))).toBeGreaterThan(0);
    });

    it('refuses a sign-in without the page’s CSRF token, or from another origin', async () => {
      const journey = await enrolledBridgePassword(enrollment);
      const browser = new SignInBrowser(enrollment);
      await browser.open();
      browser.csrfToken = '';
      const missing = await browser.signInWithPassword(journey.targetAccountId, BRIDGE_PASSWORD);
      expect(missing.status).toBe(403);
      expect(missing.headers.get('set-cookie')).toBeNull();

      const other = new SignInBrowser(enrollment);
      await other.open();
      const crossOrigin = await other.postForm(
        '/sign-in/password',
        { account: journey.targetAccountId, password: BRIDGE_PASSWORD },
        { origin: 'https://evil.example' },
      );
      expect(crossOrigin.status).toBe(403);

      // A form sent without the page's attempt cookie: the "page expired" page.
      const stale = new SignInBrowser(enrollment);
      stale.csrfToken = other.csrfToken;
      const noAttempt = await stale.signInWithPassword(journey.targetAccountId, BRIDGE_PASSWORD);
      expect(noAttempt.status).toBe(400);
      expect(await noAttempt.text()).toContain('This page has expired');

      const { rows } = await enrollment.db.query(
        `SELECT 1 FROM signed_in_session WHERE legacy_account_id = $1`,
        [journey.legacyAccountId],
      );
      expect(rows).toHaveLength(0);
    });
  });

  describe('with a recovery code', () => {
    it('signs in with the password and a recovery code once, even after the bridge end, then regenerates the set', async () => {
      const journey = await enrolledBridgePassword(enrollment);
      expect(journey.recoveryCodes).toHaveLength(10);
      await enrollment.db.query(
        `UPDATE password_credential SET bridge_ends_at = now() - interval '1 day' WHERE legacy_account_id = $1`,
        [journey.legacyAccountId],
      );
      const browser = new SignInBrowser(enrollment);
      await browser.get('/sign-in/recovery').then(async (page) => {
        browser.csrfToken = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
      });
      const [code] = journey.recoveryCodes;
      const signedIn = await browser.postForm('/sign-in/password', {
        account: journey.targetAccountId,
        password: BRIDGE_PASSWORD,
        recoveryCode: code!,
      });
      expect(signedIn.status).toBe(303);

      const again = new SignInBrowser(enrollment);
      await again.open();
      const reused = await again.postForm('/sign-in/password', {
        account: journey.targetAccountId,
        password: BRIDGE_PASSWORD,
        recoveryCode: code!,
      });
      expect(reused.status).toBe(401);

      const account = await (await browser.get('/account')).text();
      browser.csrfToken = /name="csrf" value="([^"]+)"/.exec(account)![1]!;
      const regenerated = await browser.postForm('/account/recovery-codes', {});
      expect(regenerated.status).toBe(200);
      const fresh = recoveryCodesOf(await regenerated.text());
      expect(fresh).toHaveLength(10);
      const old = new SignInBrowser(enrollment);
      await old.open();
      const oldCode = await old.postForm('/sign-in/password', {
        account: journey.targetAccountId,
        password: BRIDGE_PASSWORD,
        recoveryCode: journey.recoveryCodes[1]!,
      });
      expect(oldCode.status).toBe(401);
    });
  });

  describe('the verification API for target applications', () => {
    const verify = async (body: unknown, scopes = ['credentials:verify']) =>
      fetch(`${enrollment.url}/api/sign-in/verify`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await mintOperatorToken({ subject: 'shop-app', scopes: scopes as never, ttlSeconds: 60 })}`,
        },
        body: JSON.stringify(body),
      });

    it('verifies password and code, and answers unknown and wrong alike, with a scoped token only', async () => {
      const { journey, secret } = await enrolledTotpAndPassword(enrollment);
      const clientAddress = anAddress();
      const verified = await verify({
        account: journey.targetAccountId,
        password: SECOND_FACTOR_PASSWORD,
        code: codeFor(secret, 1),
        clientAddress,
      });
      expect(verified.status).toBe(200);
      expect(await verified.json()).toEqual({
        accountId: journey.targetAccountId,
        assuranceLevel: 'aal2',
        methods: ['password', 'totp'],
      });

      const unknown = await verify({ account: 'nobody', password: 'x', clientAddress });
      const wrong = await verify({ account: journey.targetAccountId, password: 'x', clientAddress });
      expect(unknown.status).toBe(401);
      expect(wrong.status).toBe(401);
      const body = async (response: Response) => {
        const { traceId: _traceId, ...rest } = (await response.json()) as Record<string, unknown>;
        return rest;
      };
      expect(await body(unknown)).toEqual(await body(wrong));

      expect((await verify({ account: 'nobody', password: 'x' }, ['enrolments:read'])).status).toBe(403);
      const noToken = await fetch(`${enrollment.url}/api/sign-in/verify`, { method: 'POST' });
      expect(noToken.status).toBe(401);
    });
  });
});
