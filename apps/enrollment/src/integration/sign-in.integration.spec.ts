import { Topics } from '@rekey/contracts';
import { eventually, readAllMessages } from '@rekey/testing';
import { SoftwareAuthenticator } from '@rekey/webauthn-authenticator';
import { outboxEvents, startEnrollment, type EnrollmentUnderTest } from './enrollment.fixture';
import { codeFor } from './factor-pages.fixture';
import {
  addPasskeyFromAccount,
  anAddress,
  BRIDGE_PASSWORD,
  enrolledBridgePassword,
  enrolledPasskey,
  enrolledTotpAndPassword,
  SECOND_FACTOR_PASSWORD,
  SignInBrowser,
  signInWithPasskey,
} from './sign-in.fixture';

const PER_IP = 8;

describe('sign-in after the move: passkeys and the password form, over HTTP', () => {
  let enrollment: EnrollmentUnderTest;

  beforeAll(async () => {
    enrollment = await startEnrollment('enrollment_sign_in', {
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

    it('locks password sign-in after 100 consecutive failures, even for the right password, until a passkey sign-in', async () => {
      const journey = await enrolledBridgePassword(enrollment);
      const first = new SignInBrowser(enrollment);
      await first.open();
      expect((await first.signInWithPassword(journey.targetAccountId, BRIDGE_PASSWORD)).status).toBe(303);
      const { device } = await addPasskeyFromAccount(first, enrollment.origin);

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

      expect((await signInWithPasskey(enrollment, device)).status).toBe(200);
      expect(await failuresOf(journey.legacyAccountId)).toBe(0);
      const unlocked = new SignInBrowser(enrollment);
      await unlocked.open();
      expect((await unlocked.signInWithPassword(journey.targetAccountId, BRIDGE_PASSWORD)).status).toBe(303);
    }, 120_000);
  });

  describe('adding a passkey after signing in with a bridging password', () => {
    it('registers it from the account page, raises the account to AAL2 and publishes credential-added on Kafka', async () => {
      const journey = await enrolledBridgePassword(enrollment);
      const browser = new SignInBrowser(enrollment);
      await browser.open();
      expect((await browser.signInWithPassword(journey.targetAccountId, BRIDGE_PASSWORD)).status).toBe(303);
      const { device, answers } = await addPasskeyFromAccount(browser, enrollment.origin);
      expect(answers.map((answer) => answer.status)).toEqual([200, 400]);

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
      const signedIn = await signInWithPasskey(enrollment, device);
      expect(signedIn.status).toBe(200);
    });
  });
});
