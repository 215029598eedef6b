import { Topics } from '@rekey/contracts';
import { eventually, readAllMessages } from '@rekey/testing';
import { outboxEvents, startEnrollment, type EnrollmentUnderTest } from './enrollment.fixture';
import { totpSecretForTyping } from '../totp/domain/totp-secret';
import { codeFor } from './factor-pages.fixture';
import {
  addTotpFromAccount,
  BRIDGE_PASSWORD,
  enrolledBridgePassword,
  openAccountTotpPage,
  SignInBrowser,
} from './sign-in.fixture';

describe('adding an authenticator app from the account page after a bridge-password sign-in', () => {
  let enrollment: EnrollmentUnderTest;

  beforeAll(async () => {
    enrollment = await startEnrollment('enrollment_account_totp', {
      TRUST_PROXY: '1',
      SIGN_IN_LIMIT_PER_IP: '1000',
      SIGN_IN_LIMIT_PER_SUBNET: '1000',
    });
  }, 120_000);

  afterAll(async () => {
    await enrollment?.stop();
  });

  async function accountOf(legacyAccountId: string) {
    const { rows } = await enrollment.db.query(
      `SELECT account.methods, account.assurance_level, account.phishing_resistant,
              totp.confirmed_at IS NOT NULL AS totp_confirmed
         FROM migrated_account AS account LEFT JOIN totp_factor AS totp USING (legacy_account_id)
        WHERE account.legacy_account_id = $1`,
      [legacyAccountId],
    );
    return rows[0] as Record<string, unknown>;
  }

  it('confirms the app with a code, raises the account to AAL2, publishes credential-added, and the password alone stops signing in', async () => {
    const journey = await enrolledBridgePassword(enrollment);
    const signedIn = new SignInBrowser(enrollment);
    await signedIn.open();
    await signedIn.signInWithPassword(journey.targetAccountId, BRIDGE_PASSWORD);
    expect(await (await signedIn.get('/account')).text()).toContain('href="/account/totp"');

    const page = await signedIn.get('/account/totp');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<svg role="img"');
    expect(html).toContain('action="/account/totp"');

    const { browser, secret, code, added } = await addTotpFromAccount(enrollment, journey);
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe('/account');
    expect(await accountOf(journey.legacyAccountId)).toEqual({
      methods: ['password', 'totp'],
      assurance_level: 'aal2',
      phishing_resistant: false,
      totp_confirmed: true,
    });
    const events = (await outboxEvents(enrollment.db, journey.legacyAccountId)).filter(
      (event) => event.type === 'rekey.enrollment.credential-added.v1',
    );
    expect(events.map((event) => event.data)).toEqual([
      {
        legacyAccountId: journey.legacyAccountId,
        targetAccountId: journey.targetAccountId,
        method: 'totp',
        assuranceLevel: 'aal2',
        phishingResistant: false,
      },
    ]);
    expect(JSON.stringify(events)).not.toContain(code);
    await eventually(async () => {
      const messages = await readAllMessages(enrollment.kafka.topicPrefix, [Topics.enrollment]);
      const published = messages.filter(
        (message) =>
          message.key === journey.legacyAccountId &&
          message.text.includes('rekey.enrollment.credential-added.v1'),
      );
      return published.length === 1 ? true : undefined;
    });

    // The password alone no longer signs in; with a fresh code from the app it does, at AAL2.
    const alone = new SignInBrowser(enrollment);
    await alone.open();
    expect((await alone.signInWithPassword(journey.targetAccountId, BRIDGE_PASSWORD)).status).toBe(401);
    const withCode = new SignInBrowser(enrollment);
    await withCode.open();
    const twoFactors = await withCode.signInWithPassword(
      journey.targetAccountId,
      BRIDGE_PASSWORD,
      codeFor(secret, 1),
    );
    expect(twoFactors.status).toBe(303);
    const { rows: sessions } = await enrollment.db.query(
      `SELECT assurance_level, methods FROM signed_in_session
        WHERE legacy_account_id = $1 AND 'totp' = ANY (methods)`,
      [journey.legacyAccountId],
    );
    expect(sessions).toEqual([{ assurance_level: 'aal2', methods: ['password', 'totp'] }]);

    // The app is added: the page no longer makes a secret, and the code that added it, sent
    // again, is told used.
    expect((await browser.get('/account/totp')).headers.get('location')).toBe('/account');
    const replayed = await browser.postForm('/account/totp', { code });
    expect(replayed.status).toBe(422);
    expect(await replayed.text()).toContain('That code was already used');
    expect(await accountOf(journey.legacyAccountId)).toMatchObject({ methods: ['password', 'totp'] });
  });

  it('shows the form again with the error on its field for a wrong code, and changes nothing', async () => {
    const journey = await enrolledBridgePassword(enrollment);
    const browser = new SignInBrowser(enrollment);
    await browser.open();
    await browser.signInWithPassword(journey.targetAccountId, BRIDGE_PASSWORD);
    const secret = await openAccountTotpPage(browser);
    const right = codeFor(secret);
    const wrong = right === '000000' ? '111111' : '000000';

    const refused = await browser.postForm('/account/totp', { code: wrong });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('aria-describedby="code-error code-hint"');
    expect(html).toContain('That code is not right');
    expect(html).not.toContain(`value="${wrong}"`);
    // The same pending secret again, so the app the customer already set up still works.
    expect(html).toContain(totpSecretForTyping(secret));
    expect(await accountOf(journey.legacyAccountId)).toEqual({
      methods: ['password'],
      assurance_level: 'aal1',
      phishing_resistant: false,
      totp_confirmed: false,
    });
    const events = await outboxEvents(enrollment.db, journey.legacyAccountId);
    expect(events.map((event) => event.type)).not.toContain('rekey.enrollment.credential-added.v1');
    const alone = new SignInBrowser(enrollment);
    await alone.open();
    expect((await alone.signInWithPassword(journey.targetAccountId, BRIDGE_PASSWORD)).status).toBe(303);
  });

  it('refuses the code without the session’s CSRF token, from another origin, or without a session', async () => {
    const journey = await enrolledBridgePassword(enrollment);
    const browser = new SignInBrowser(enrollment);
    await browser.open();
    await browser.signInWithPassword(journey.targetAccountId, BRIDGE_PASSWORD);
    const secret = await openAccountTotpPage(browser);
    const csrfToken = browser.csrfToken;

    browser.csrfToken = '';
    expect((await browser.postForm('/account/totp', { code: codeFor(secret) })).status).toBe(403);
    browser.csrfToken = csrfToken;
    const crossOrigin = await browser.postForm(
      '/account/totp',
      { code: codeFor(secret) },
      { origin: 'https://evil.example' },
    );
    expect(crossOrigin.status).toBe(403);
    const stranger = new SignInBrowser(enrollment);
    stranger.csrfToken = csrfToken;
    expect((await stranger.postForm('/account/totp', { code: codeFor(secret) })).status).toBe(400);
    expect((await stranger.get('/account/totp')).headers.get('location')).toBe('/sign-in');

    expect(await accountOf(journey.legacyAccountId)).toEqual({
      methods: ['password'],
      assurance_level: 'aal1',
      phishing_resistant: false,
      totp_confirmed: false,
    });
  });
});
