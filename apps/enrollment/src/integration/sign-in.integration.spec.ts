import { Topics } from '@rekey/contracts';
import { mintOperatorToken } from '@rekey/operator-auth';
import { eventually, readAllMessages } from '@rekey/testing';
import { SoftwareAuthenticator } from '@rekey/webauthn-authenticator';
import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import { outboxEvents, startEnrollment, type EnrollmentUnderTest } from './enrollment.fixture';
import { codeFor } from './factor-pages.fixture';
import {
  anAddress,
  BRIDGE_PASSWORD,
  enrolledBridgePassword,
  enrolledPasskey,
  enrolledTotpAndPassword,
  recoveryCodesOf,
  SECOND_FACTOR_PASSWORD,
  SignInBrowser,
} from './sign-in.fixture';

const PER_IP = 8;

describe('sign-in after the move, over HTTP', () => {
  let enrollment: EnrollmentUnderTest;

  beforeAll(async () => {
    enrollment = await startEnrollment('enrollment_sign_in', {
      TRUST_PROXY: '1',
      SIGN_IN_LIMIT_PER_IP: String(PER_IP),
      SIGN_IN_LIMIT_PER_SUBNET: '1000',
    });
  }, 120_000);

  afterAll(async () => {
    await enrollment?.stop();
  });

  async function failuresOf(legacyAccountId: string): Promise<number> {
    const { rows } = await enrollment.db.query<{ consecutive_failures: number }>(
      `SELECT consecutive_failures FROM sign_in_failure WHERE legacy_account_id = $1`,
      [legacyAccountId],
    );
    return rows[0]?.consecutive_failures ?? 0;
  }

  describe('with a passkey', () => {
    it('signs in with a discoverable credential, records its use and opens the account page', async () => {
      const { journey, device } = await enrolledPasskey(enrollment);
      const browser = new SignInBrowser(enrollment);
      const page = await browser.open();
      expect(page).toContain('Sign in with a passkey');

      const options = await browser.passkeyOptions();
      expect(options.allowCredentials ?? []).toEqual([]);
      expect(options.userVerification).toBe('required');
      const signedIn = await browser.postJson(
        '/sign-in/passkey',
        device.getAssertion(options, enrollment.origin),
      );
      expect(signedIn.status).toBe(200);
      expect(await signedIn.json()).toEqual({ location: '/account' });

      const account = await browser.get('/account');
      expect(account.status).toBe(200);
      expect(await account.text()).toContain(journey.targetAccountId);
      const { rows } = await enrollment.db.query(
        `SELECT counter FROM passkey_credential WHERE legacy_account_id = $1`,
        [journey.legacyAccountId],
      );
      expect(rows).toEqual([{ counter: '2' }]);
      const { rows: sessions } = await enrollment.db.query(
        `SELECT assurance_level, methods FROM signed_in_session WHERE legacy_account_id = $1`,
        [journey.legacyAccountId],
      );
      expect(sessions).toEqual([{ assurance_level: 'aal2', methods: ['passkey'] }]);
    });

    it('refuses a replayed assertion, a used challenge and a counter that went backwards', async () => {
      const { device } = await enrolledPasskey(enrollment);
      const browser = new SignInBrowser(enrollment);
      await browser.open();
      const options = await browser.passkeyOptions();
      const assertion = device.getAssertion(options, enrollment.origin);
      expect((await browser.postJson('/sign-in/passkey', assertion)).status).toBe(200);

      const replayed = await browser.postJson('/sign-in/passkey', assertion);
      expect(replayed.status).toBe(401);
      expect(await replayed.json()).toEqual(expect.objectContaining({ code: 'sign-in.refused' }));

      const fresh = await browser.passkeyOptions();
      const backwards = await browser.postJson(
        '/sign-in/passkey',
        device.getAssertion(fresh, enrollment.origin, { counter: 1 }),
      );
      expect(backwards.status).toBe(401);
    });

    it('answers an unknown credential with the same neutral refusal', async () => {
      await enrolledPasskey(enrollment);
      const stranger = new SoftwareAuthenticator();
      stranger.createCredential(
        {
          rp: { id: 'localhost', name: 'x' },
          user: { id: 'dXNlcg', name: 'u', displayName: 'u' },
          challenge: 'Y2hhbGxlbmdl',
          pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
        },
        enrollment.origin,
      );
      const browser = new SignInBrowser(enrollment);
      await browser.open();
      const refused = await browser.postJson(
        '/sign-in/passkey',
        stranger.getAssertion(await browser.passkeyOptions(), enrollment.origin),
      );
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual(expect.objectContaining({ code: 'sign-in.refused' }));
    });
  });

  describe('with a password', () => {
    it('signs in with password and TOTP code at AAL2, and refuses the password without the code', async () => {
      const { journey, secret } = await enrolledTotpAndPassword(enrollment);
      const browser = new SignInBrowser(enrollment);
      await browser.open();

      const alone = await browser.signInWithPassword(journey.targetAccountId, SECOND_FACTOR_PASSWORD);
      expect(alone.status).toBe(401);

      // The enrolment spent the current step: the app's next code is the one a customer types.
      const signedIn = await browser.signInWithPassword(
        journey.targetAccountId,
        SECOND_FACTOR_PASSWORD,
        codeFor(secret, 1),
      );
      expect(signedIn.status).toBe(303);
      expect(signedIn.headers.get('location')).toBe('/account');
      expect(await failuresOf(journey.legacyAccountId)).toBe(0);
      const { rows } = await enrollment.db.query(
        `SELECT assurance_level, methods FROM signed_in_session WHERE legacy_account_id = $1`,
        [journey.legacyAccountId],
      );
      expect(rows).toEqual([{ assurance_level: 'aal2', methods: ['password', 'totp'] }]);
    });

    it('signs a bridging password in alone before the bridge end, inviting to add a passkey or app', async () => {
      const journey = await enrolledBridgePassword(enrollment);
      const browser = new SignInBrowser(enrollment);
      await browser.open();
      const signedIn = await browser.signInWithPassword(journey.legacyAccountId, BRIDGE_PASSWORD);
      expect(signedIn.status).toBe(303);
      const account = await (await browser.get('/account')).text();
      expect(account).toContain('Add a passkey or an authenticator app');
    });

    it('refuses the bridging password alone after the bridge end, and publishes bridge-expired once', async () => {
      const journey = await enrolledBridgePassword(enrollment);
      await enrollment.db.query(
        `UPDATE password_credential SET bridge_ends_at = now() - interval '1 day' WHERE legacy_account_id = $1`,
        [journey.legacyAccountId],
      );
      const browser = new SignInBrowser(enrollment);
      await browser.open();
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const refused = await browser.signInWithPassword(journey.targetAccountId, BRIDGE_PASSWORD);
        expect(refused.status).toBe(403);
        expect(await refused.text()).toContain('Your temporary password has ended');
      }
      const types = (await outboxEvents(enrollment.db, journey.legacyAccountId)).map((event) => event.type);
      expect(types.filter((type) => type === 'rekey.enrollment.bridge-expired.v1')).toHaveLength(1);
      const published = () =>
        readAllMessages(enrollment.kafka.topicPrefix, [Topics.enrollment]).then((messages) =>
          messages.filter(
            (message) =>
              message.key === journey.legacyAccountId &&
              message.text.includes('rekey.enrollment.bridge-expired.v1'),
          ),
        );
      await eventually(async () => ((await published()).length === 1 ? true : undefined));
    });

    it('answers an unknown account and a wrong password with the same page', async () => {
      const journey = await enrolledBridgePassword(enrollment);
      const browser = new SignInBrowser(enrollment);
      await browser.open();
      const strip = (html: string) => html.replace(/value="[^"]+"|data-csrf="[^"]+"|nonce="[^"]+"/g, '');
      const unknown = await browser.signInWithPassword('nobody-at-all', BRIDGE_PASSWORD);
      const wrong = await browser.signInWithPassword(
        journey.targetAccountId,
        'not the right password at all',
      );
      expect(unknown.status).toBe(401);
      expect(wrong.status).toBe(401);
      expect(strip(await unknown.text())).toBe(strip(await wrong.text()));
    });

    it('locks password sign-in after 100 consecutive failures: then even the right password is refused', async () => {
      const journey = await enrolledBridgePassword(enrollment);
      const subnet = `10.250.${Math.floor(Math.random() * 256)}`;
      for (let failure = 0; failure < 100; failure += 1) {
        const browser = new SignInBrowser(enrollment, anAddress(subnet));
        await browser.open();
        const refused = await browser.signInWithPassword(
          journey.targetAccountId,
          `wrong password number ${failure}`,
        );
        expect(refused.status).toBe(401);
      }
      expect(await failuresOf(journey.legacyAccountId)).toBe(100);

      const browser = new SignInBrowser(enrollment);
      await browser.open();
      const locked = await browser.signInWithPassword(journey.targetAccountId, BRIDGE_PASSWORD);
      expect(locked.status).toBe(401);
      expect(await failuresOf(journey.legacyAccountId)).toBe(100);
    }, 120_000);
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

  describe('adding a passkey after signing in with a bridging password', () => {
    it('registers it from the account page, raises the account to AAL2 and publishes credential-added on Kafka', async () => {
      const journey = await enrolledBridgePassword(enrollment);
      const browser = new SignInBrowser(enrollment);
      await browser.open();
      expect((await browser.signInWithPassword(journey.targetAccountId, BRIDGE_PASSWORD)).status).toBe(303);
      const account = await (await browser.get('/account')).text();
      browser.csrfToken = /id="add-passkey" data-csrf="([^"]+)"/.exec(account)![1]!;

      const device = new SoftwareAuthenticator();
      const options = await browser.postJson('/account/passkey/options', {});
      expect(options.status).toBe(200);
      const registration = device.createCredential(
        (await options.json()) as PublicKeyCredentialCreationOptionsJSON,
        enrollment.origin,
      );
      const added = await browser.postJson('/account/passkey', registration);
      expect(added.status).toBe(200);
      // The challenge was spent: the same response again changes nothing.
      expect((await browser.postJson('/account/passkey', registration)).status).toBe(400);

      const { rows } = await enrollment.db.query(
        `SELECT methods, assurance_level, phishing_resistant FROM migrated_account WHERE legacy_account_id = $1`,
        [journey.legacyAccountId],
      );
      expect(rows).toEqual([
        { methods: ['password', 'passkey'], assurance_level: 'aal2', phishing_resistant: true },
      ]);
      const published = () =>
        readAllMessages(enrollment.kafka.topicPrefix, [Topics.enrollment]).then((messages) =>
          messages.filter(
            (message) =>
              message.key === journey.legacyAccountId &&
              message.text.includes('rekey.enrollment.credential-added.v1'),
          ),
        );
      await eventually(async () => ((await published()).length === 1 ? true : undefined));

      // And the new passkey signs in.
      const next = new SignInBrowser(enrollment);
      await next.open();
      const signedIn = await next.postJson(
        '/sign-in/passkey',
        device.getAssertion(await next.passkeyOptions(), enrollment.origin),
      );
      expect(signedIn.status).toBe(200);
    });
  });
});
