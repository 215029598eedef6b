import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Topics } from '@rekey/contracts';
import { readAllMessages } from '@rekey/testing';
import type { Browser, Page } from 'playwright-core';
import { addVirtualAuthenticator, launchChromium, openCustomerTab, screenshotDir } from './customer-browser';
import {
  enrollmentOrigin,
  enrolmentDirectories,
  issuanceOrigin,
  launchEnrolmentWave,
  readStepUpCode,
  startEnrolmentServices,
} from './enrolment-platform';
import {
  audit,
  auditEach,
  enrolPasskey,
  expectSensibleTabOrder,
  leaveRecoveryCodesByPointer,
  type Audits,
} from './enrolment-steps';
import {
  aWrongCode,
  authenticatorAppFor,
  chooseMethod,
  fieldError,
  signInWithPassword,
  submitField,
  typedTotpKey,
} from './factor-steps';
import { operatorClient } from './journey-fixture';
import { eventually, operatorToken, TestPlatform } from './platform';

/**
 * The whole customer journey in Debian's Chromium, across identity-matching, reset-issuance and
 * enrollment as processes: the link read from the .eml the file notifier wrote, redeemed on
 * reset-issuance's page, a passkey enrolled with DevTools' virtual authenticator on enrollment's
 * pages and proven by one sign-in, then the journey handed off over Kafka. Every customer page
 * on the way, and every refusal page, is checked with axe-core and photographed.
 */
describe('the enrolment journey in a real Chromium', () => {
  const platform = new TestPlatform('enrolment-journey');
  const run = randomUUID().slice(0, 8);
  const directories = enrolmentDirectories(run, 4);
  const { id, email, phone } = directories;
  const audits: Audits = new Map();
  let mailDir: string;
  let browser: Browser;
  let waveId: string;
  let links: Map<string, string[]>;

  beforeAll(async () => {
    mailDir = await mkdtemp(path.join(os.tmpdir(), 'rekey-e2e-enrolment-mail-'));
    await rm(screenshotDir, { recursive: true, force: true });
    const services = await startEnrolmentServices(platform, mailDir);
    const token = await operatorToken(['imports:write', 'waves:write', 'waves:read']);
    ({ waveId, links } = await launchEnrolmentWave(
      operatorClient(token),
      services,
      token,
      directories,
      mailDir,
    ));
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await rm(mailDir, { recursive: true, force: true });
  });

  const linkOf = (recipient: string) => `${issuanceOrigin}/reset#t=${links.get(recipient)!.at(-1)!}`;

  async function journeyOf(legacyAccountId: string) {
    const [journey] = await platform.query<{ id: string; status: string }>(
      'reset-issuance',
      `SELECT id, status FROM journey WHERE legacy_account_id = $1 AND wave_id = $2`,
      [legacyAccountId, waveId],
    );
    return journey!;
  }

  async function expectHandedOff(legacyAccountId: string): Promise<void> {
    const journey = await journeyOf(legacyAccountId);
    await eventually(
      async () => ((await journeyOf(legacyAccountId)).status === 'handed_off' ? true : undefined),
      60_000,
    );
    const [enrolment] = await platform.query<{ status: string }>(
      'enrollment',
      `SELECT status FROM enrolment WHERE journey_id = $1`,
      [journey.id],
    );
    expect(enrolment).toEqual({ status: 'enrolled' });
  }

  /** The rekey.enrollment.completed.v1 events on Kafka for the account: their data. */
  async function completionsOf(legacyAccountId: string): Promise<unknown[]> {
    return (await readAllMessages(platform.topicPrefix, [Topics.enrollment]))
      .filter(
        (message) =>
          message.key === legacyAccountId && message.text.includes('rekey.enrollment.completed.v1'),
      )
      .map((message) => JSON.parse(message.text.split('\n')[0]!) as unknown);
  }

  /** Continue on the link page, and what the browser reaches after it. */
  async function redeem(page: Page, until: string): Promise<void> {
    await Promise.all([page.waitForURL(until), page.getByRole('button', { name: 'Continue' }).click()]);
  }

  it('redeems the link from the message, enrols a passkey, proves it and hands the journey off', async () => {
    const legacyAccountId = id('L', 0);
    const tab = await openCustomerTab(browser);
    const { page } = tab;
    const authenticator = await addVirtualAuthenticator(page);
    await page.goto(linkOf(email(0)));
    expect(page.url()).toBe(`${issuanceOrigin}/reset`);
    await audit(page, '01-reset-link', audits);

    let grant: string | undefined;
    page.on('framenavigated', (frame) => {
      grant ??= /#grant=([\w.-]+)$/.exec(frame.url())?.[1];
    });
    await redeem(page, `${enrollmentOrigin}/enroll/methods`);
    await enrolPasskey(page, 'pointer', auditEach(page, audits));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe("You're all set");
    const [credential] = await authenticator.credentials();
    expect(credential).toMatchObject({ rpId: 'localhost', isResidentCredential: true });

    // What enrollment stored: the passkey the authenticator holds, proven, and the account's level.
    const stored = await platform.query<{ credential_id: Buffer; proven: boolean }>(
      'enrollment',
      `SELECT credential_id, proven_at IS NOT NULL AS proven FROM passkey_credential WHERE legacy_account_id = $1`,
      [legacyAccountId],
    );
    expect(stored.map((row) => [row.credential_id.toString('base64url'), row.proven])).toEqual([
      [Buffer.from(credential!.credentialId, 'base64').toString('base64url'), true],
    ]);
    expect(
      await platform.query(
        'enrollment',
        `SELECT methods, assurance_level FROM migrated_account WHERE legacy_account_id = $1`,
        [legacyAccountId],
      ),
    ).toEqual([{ methods: ['passkey'], assurance_level: 'aal2' }]);

    // The completion is on Kafka with the journey's ids, and reset-issuance closes the journey.
    const journey = await journeyOf(legacyAccountId);
    await expectHandedOff(legacyAccountId);
    expect(await completionsOf(legacyAccountId)).toEqual([
      {
        legacyAccountId,
        targetAccountId: id('T', 0),
        waveId,
        journeyId: journey.id,
        methods: ['passkey'],
        assuranceLevel: 'aal2',
        phishingResistant: true,
      },
    ]);

    // Later, the customer comes back and signs in with the passkey alone (a discoverable
    // credential: no account to type), and the authenticator's counter moves on.
    await page.goto(`${enrollmentOrigin}/sign-in`);
    await audit(page, '30-enrollment-sign-in', audits);
    await Promise.all([
      page.waitForURL(`${enrollmentOrigin}/account`),
      page.getByRole('button', { name: 'Sign in with a passkey' }).click(),
    ]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('You are signed in');
    await audit(page, '31-enrollment-account', audits);
    const [used] = await platform.query<{ last_used: boolean }>(
      'enrollment',
      `SELECT last_used_at IS NOT NULL AS last_used FROM passkey_credential WHERE legacy_account_id = $1`,
      [legacyAccountId],
    );
    expect(used).toEqual({ last_used: true });

    // The grant, spent, opens nothing a second time: the neutral refusal page.
    expect(grant).toBeDefined();
    await Promise.all([
      page.waitForURL(`${enrollmentOrigin}/enroll/session`),
      page.goto(`${enrollmentOrigin}/enroll#grant=${grant}`, { waitUntil: 'commit' }),
    ]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      "We can't continue with this link",
    );
    await audit(page, '09-enrollment-refused', audits);
    expect(tab.problems).toEqual([]);
    await tab.close();
  }, 180_000);

  it('walks the passkey journey with the keyboard alone, the focus on each control in reading order', async () => {
    const tab = await openCustomerTab(browser);
    const { page } = tab;
    await addVirtualAuthenticator(page);
    await page.goto(linkOf(email(1)));
    // The link's form is shown, the code form hidden: Continue is the one stop.
    expect(await expectSensibleTabOrder(page)).toEqual(['button: Continue']);
    const methods = page.waitForURL(`${enrollmentOrigin}/enroll/methods`);
    await page.keyboard.press('Enter');
    await methods;

    // Each page: Tab visits its controls in reading order, then Enter or Space goes on.
    await enrolPasskey(page, 'keyboard', async (step) => {
      const order = await expectSensibleTabOrder(page);
      if (step === 'methods') expect(order[0]).toBe('a: Set up a passkey');
      if (step === 'passkey') {
        expect(order).toEqual(['button: Create a passkey', 'a: Choose another way to sign in']);
      }
    });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe("You're all set");
    await expectHandedOff(id('L', 1));
    expect(tab.problems).toEqual([]);
    await tab.close();
  }, 180_000);

  it('steps a privileged customer up with the texted code, refuses a wrong code first, and offers no password-only route', async () => {
    const tab = await openCustomerTab(browser);
    const { page } = tab;
    await addVirtualAuthenticator(page);
    await page.goto(linkOf(email('admin-0')));
    await redeem(page, `${issuanceOrigin}/reset/step-up`);
    await audit(page, '10-reset-step-up-code', audits);
    const code = await readStepUpCode(mailDir, phone(900));
    const wrong = code.slice(0, -1) + String((Number(code.at(-1)) + 1) % 10);
    await page.getByLabel('Code', { exact: true }).fill(wrong);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('That code did not work').waitFor();
    // The refusal is read with the field it is about.
    expect(
      await page.evaluate(
        `document.getElementById(document.getElementById('code').getAttribute('aria-describedby')).textContent`,
      ),
    ).toMatch(/^That code did not work/);
    await audit(page, '11-reset-step-up-code-refused', audits);
    await page.getByLabel('Code', { exact: true }).fill(code);
    await Promise.all([
      page.waitForURL(`${enrollmentOrigin}/enroll/methods`),
      page.getByRole('button', { name: 'Continue' }).click(),
    ]);
    // The wave's policy requires AAL2 of a privileged account: no password-only route is offered,
    // and typing its address leads to the page that offers the ways that reach AAL2.
    await expect(page.getByRole('link', { name: 'Set up an authenticator app' }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'Set a password' }).count()).resolves.toBe(0);
    const refused = await page.goto(`${enrollmentOrigin}/enroll/password`);
    expect(refused?.status()).toBe(403);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Your account needs a stronger sign-in',
    );
    await audit(page, '18-enrollment-stronger-sign-in-needed', audits);
    await page.getByRole('link', { name: 'Set up a passkey' }).click();
    await page.waitForURL(`${enrollmentOrigin}/enroll/passkey`);
    await page.goto(`${enrollmentOrigin}/enroll/methods`);
    await enrolPasskey(page, 'pointer');
    await expectHandedOff(id('L', 'admin-0'));
    expect(tab.problems).toEqual([]);
    await tab.close();

    // Without a second verified channel, support has to prove who the customer is.
    const other = await openCustomerTab(browser);
    await other.page.goto(linkOf(email('admin-1')));
    await redeem(other.page, `${issuanceOrigin}/reset/step-up`);
    expect(await other.page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Contact support to continue',
    );
    await audit(other.page, '12-reset-support-proofing', audits);
    await other.close();
  }, 180_000);

  it('shows every refusal as a page of its own', async () => {
    const tab = await openCustomerTab(browser);
    const { page } = tab;
    // The link page opened without its token: the code form.
    await page.goto(`${issuanceOrigin}/reset`);
    await page.getByText('This page needs the link from your message').waitFor();
    await audit(page, '02-reset-code-form', audits);
    await page.getByLabel('Code from your message').fill('AAAA-AAAA-AAAA-AAAA');
    await Promise.all([
      page.waitForURL(`${issuanceOrigin}/reset/redeem`),
      page.getByRole('button', { name: 'Use this code' }).click(),
    ]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('This link cannot be used');
    await audit(page, '03-reset-link-unusable', audits);
    await page.getByLabel('Email address').fill(`nobody.${run}@mail.example`);
    await Promise.all([
      page.waitForURL(`${issuanceOrigin}/reset/request-link`),
      page.getByRole('button', { name: 'Send me a new link' }).click(),
    ]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Check your messages');
    await audit(page, '04-reset-new-link-requested', audits);

    await page.goto(`${issuanceOrigin}/reset/step-up`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('This check cannot continue');
    await audit(page, '13-reset-step-up-unavailable', audits);

    // A form on another site posting to either service: refused, with a page saying where to go.
    for (const [action, field, name] of [
      [`${issuanceOrigin}/reset/redeem`, 'token', '14-reset-cross-origin'],
      [`${enrollmentOrigin}/enroll/session`, 'grant', '15-enrollment-cross-origin'],
    ] as const) {
      await page.goto('about:blank');
      await page.setContent(
        `<form method="post" action="${action}"><input name="${field}" value="x"><button>Send</button></form>`,
      );
      await Promise.all([page.waitForURL(action), page.getByRole('button', { name: 'Send' }).click()]);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Please use the/);
      await audit(page, name, audits);
    }

    await page.goto(`${enrollmentOrigin}/enroll`);
    await page.getByText('This page opens from the link in your reset message').waitFor();
    await audit(page, '05-enrollment-landing', audits);
    // From another document: a fragment change alone would not load the landing page again.
    await page.goto('about:blank');
    await Promise.all([
      page.waitForURL(`${enrollmentOrigin}/enroll/session`),
      page.goto(`${enrollmentOrigin}/enroll#grant=forged.grant.value`, { waitUntil: 'commit' }),
    ]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      "We can't continue with this link",
    );
    await page.goto(`${enrollmentOrigin}/enroll/methods`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Your set-up session has ended');
    await audit(page, '17-enrollment-session-ended', audits);
    await tab.close();
  }, 120_000);

  /** The journey after the factor pages: the recovery codes shown once, then the done page. */
  async function throughRecoveryCodes(page: Page, name: string): Promise<void> {
    await page.waitForURL(`${enrollmentOrigin}/enroll/recovery-codes`);
    expect(await page.getByRole('list', { name: 'Your recovery codes' }).getByRole('listitem').count()).toBe(
      10,
    );
    await audit(page, name, audits);
    await Promise.all([
      page.waitForURL(`${enrollmentOrigin}/enroll/done`),
      leaveRecoveryCodesByPointer(page),
    ]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe("You're all set");
  }

  it('enrols an authenticator app with the key read from the page and a code computed here, then a password, at AAL2', async () => {
    const legacyAccountId = id('L', 2);
    const tab = await openCustomerTab(browser);
    const { page } = tab;
    await page.goto(linkOf(email(2)));
    await redeem(page, `${enrollmentOrigin}/enroll/methods`);
    await chooseMethod(page, 'Set up an authenticator app', '/enroll/totp');
    // The QR code is drawn on the server, with a name; the same key is there as text to type.
    const qr = page.locator('.qr svg[role="img"]');
    expect(await qr.count()).toBe(1);
    expect(
      await page.getByRole('img', { name: /^QR code to add .+ to your authenticator app$/ }).count(),
    ).toBe(1);
    const key = await typedTotpKey(page);
    const app = authenticatorAppFor(key);
    await audit(page, '20-enrollment-totp', audits);
    expect(await expectSensibleTabOrder(page)).toEqual([
      'input: Code from the app',
      'button: Check the code',
      'a: Choose another way to sign in',
    ]);

    // A wrong code: the same page again, the error read with the field, which has the focus.
    await submitField(page, 'Code from the app', aWrongCode(app), 'Check the code');
    await page.getByText('That code is not right').waitFor();
    expect(await fieldError(page, 'code')).toEqual({
      text: expect.stringMatching(/^That code is not right\./),
      invalid: true,
      focused: true,
      value: '',
    });
    expect(await typedTotpKey(page)).toBe(key);
    await audit(page, '21-enrollment-totp-refused', audits);

    await Promise.all([
      page.waitForURL(`${enrollmentOrigin}/enroll/password`),
      submitField(page, 'Code from the app', app.generate(), 'Check the code'),
    ]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Choose your password');
    await page.getByText('Use at least 8 characters').waitFor();
    await audit(page, '22-enrollment-password-with-app', audits);
    await submitField(page, 'New password', 'violet harbour', 'Save my password');
    await throughRecoveryCodes(page, '23-enrollment-recovery-codes-after-app');

    expect(
      await platform.query(
        'enrollment',
        `SELECT methods, assurance_level FROM migrated_account WHERE legacy_account_id = $1`,
        [legacyAccountId],
      ),
    ).toEqual([{ methods: ['totp', 'password'], assurance_level: 'aal2' }]);
    await expectHandedOff(legacyAccountId);
    expect(await completionsOf(legacyAccountId)).toEqual([
      expect.objectContaining({
        journeyId: (await journeyOf(legacyAccountId)).id,
        methods: ['totp', 'password'],
        assuranceLevel: 'aal2',
        phishingResistant: false,
      }),
    ]);

    // A later sign-in with the password and the app's next code (the one used to confirm the app
    // is spent; the next 30-second step is within the drift the service accepts).
    await signInWithPassword(page, {
      account: id('T', 2),
      password: 'violet harbour',
      code: app.generate({ timestamp: Date.now() + 30_000 }),
    });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('You are signed in');
    expect(tab.problems).toEqual([]);
    await tab.close();
  }, 120_000);

  it('bridges a standard account on a password alone at AAL1, after refusing a common one by its rule', async () => {
    const legacyAccountId = id('L', 3);
    const tab = await openCustomerTab(browser);
    const { page } = tab;
    await page.goto(linkOf(email(3)));
    await redeem(page, `${enrollmentOrigin}/enroll/methods`);
    await chooseMethod(page, 'Set a password', '/enroll/password');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Choose a password');
    await page.getByText('It is a temporary bridge').waitFor();
    await page.getByText('Use at least 15 characters').waitFor();
    await audit(page, '24-enrollment-password-bridge', audits);

    // 16 characters, long enough, and on the list of common passwords attackers try first.
    const common = 'passwordpassword';
    await submitField(page, 'New password', common, 'Save my password');
    await page.getByText('list of common or leaked passwords').waitFor();
    expect(await fieldError(page, 'password')).toEqual({
      text: expect.stringMatching(/^This password is on a list of common or leaked passwords/),
      invalid: true,
      focused: true,
      value: '',
    });
    expect(await page.content()).not.toContain(common);
    await audit(page, '25-enrollment-password-refused', audits);

    await submitField(page, 'New password', 'lantern over the quiet harbour', 'Save my password');
    await throughRecoveryCodes(page, '26-enrollment-recovery-codes-after-password');
    expect(
      await platform.query(
        'enrollment',
        `SELECT methods, assurance_level FROM migrated_account WHERE legacy_account_id = $1`,
        [legacyAccountId],
      ),
    ).toEqual([{ methods: ['password'], assurance_level: 'aal1' }]);
    await expectHandedOff(legacyAccountId);
    expect(await completionsOf(legacyAccountId)).toEqual([
      expect.objectContaining({
        journeyId: (await journeyOf(legacyAccountId)).id,
        methods: ['password'],
        assuranceLevel: 'aal1',
        phishingResistant: false,
      }),
    ]);

    // A later sign-in with the bridging password alone: the account page invites to add more.
    await signInWithPassword(page, { account: id('T', 3), password: 'lantern over the quiet harbour' });
    await page.getByRole('heading', { name: 'Add a passkey or an authenticator app' }).waitFor();
    await audit(page, '32-enrollment-account-on-bridge', audits);

    // Taking the invitation: an authenticator app added from the account page lifts it to AAL2.
    await Promise.all([
      page.waitForURL(`${enrollmentOrigin}/account/totp`),
      page.getByRole('link', { name: 'Add an authenticator app' }).click(),
    ]);
    await audit(page, '33-enrollment-account-add-app', audits);
    const app = authenticatorAppFor(await typedTotpKey(page));
    await Promise.all([
      page.waitForURL(`${enrollmentOrigin}/account`),
      submitField(page, 'Code from the app', app.generate(), 'Check the code'),
    ]);
    expect(
      await platform.query(
        'enrollment',
        `SELECT methods, assurance_level FROM migrated_account WHERE legacy_account_id = $1`,
        [legacyAccountId],
      ),
    ).toEqual([{ methods: ['password', 'totp'], assurance_level: 'aal2' }]);
    expect(tab.problems).toEqual([]);
    await tab.close();
  }, 120_000);

  it('finds no accessibility violation on any customer page', () => {
    // The pages the tests above went through, each audited as the customer saw it.
    expect([...audits.keys()].sort()).toEqual(
      expect.arrayContaining([
        '01-reset-link',
        '02-reset-code-form',
        '03-reset-link-unusable',
        '05-enrollment-landing',
        '06-enrollment-methods',
        '07-enrollment-passkey',
        '08-enrollment-done',
        '08-enrollment-recovery-codes',
        '09-enrollment-refused',
        '10-reset-step-up-code',
        '12-reset-support-proofing',
        '17-enrollment-session-ended',
        '18-enrollment-stronger-sign-in-needed',
        '20-enrollment-totp',
        '21-enrollment-totp-refused',
        '22-enrollment-password-with-app',
        '23-enrollment-recovery-codes-after-app',
        '24-enrollment-password-bridge',
        '25-enrollment-password-refused',
        '26-enrollment-recovery-codes-after-password',
        '30-enrollment-sign-in',
        '31-enrollment-account',
        '32-enrollment-account-on-bridge',
        '33-enrollment-account-add-app',
      ]),
    );
    expect([...audits.values()].flat()).toEqual([]);
  });
});
