import { Topics } from '@rekey/contracts';
import { eventually, readAllMessages } from '@rekey/testing';
import { outboxEvents, startEnrollment, type EnrollmentUnderTest } from './enrollment.fixture';
import { codeFor, customerOnMethodsPage, enrolmentStatus, openTotpPage } from './factor-pages.fixture';

describe('authenticator app and password enrolment over HTTP', () => {
  let enrollment: EnrollmentUnderTest;

  beforeAll(async () => {
    enrollment = await startEnrollment('enrollment_totp');
  }, 120_000);

  afterAll(async () => {
    await enrollment?.stop();
  });

  async function factorOf(legacyAccountId: string) {
    const { rows } = await enrollment.db.query<{
      sealed_secret: Buffer;
      key_id: string;
      last_used_step: number | null;
      confirmed: boolean;
    }>(
      `SELECT sealed_secret, key_id, last_used_step, confirmed_at IS NOT NULL AS confirmed
         FROM totp_factor WHERE legacy_account_id = $1`,
      [legacyAccountId],
    );
    return rows[0];
  }

  it('enrols an authenticator app and an 8-character password at AAL2, then issues recovery codes, and publishes the completion', async () => {
    const { customer, journey, methods } = await customerOnMethodsPage(enrollment);
    expect(methods).toContain('Use an authenticator app');
    expect(methods).toContain('href="/enroll/totp"');

    const { html, secret } = await openTotpPage(customer);
    expect(html).toMatch(/<svg role="img" aria-labelledby="totp-qr-code-title"/);
    expect(html).toContain('aria-describedby="code-hint"');
    const stored = await factorOf(journey.legacyAccountId);
    expect(stored).toEqual(
      expect.objectContaining({ key_id: 'dev', last_used_step: null, confirmed: false }),
    );
    // Sealed at rest: the stored bytes do not hold the secret.
    expect(stored!.sealed_secret.includes(secret.bytes())).toBe(false);

    const confirmed = await customer.postForm('/enroll/totp', { code: codeFor(secret) });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe('/enroll/password');
    expect(await factorOf(journey.legacyAccountId)).toEqual(
      expect.objectContaining({ confirmed: true, last_used_step: expect.any(Number) }),
    );

    // Once confirmed, the page never shows the secret again: it leads on to the password.
    const again = await customer.page('/enroll/totp');
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/enroll/password');

    const passwordForm = await (await customer.page('/enroll/password')).text();
    expect(passwordForm).toContain('Use at least 8 characters');
    expect(passwordForm).not.toContain('temporary bridge');
    const saved = await customer.postForm('/enroll/password', { password: 'violet harbour' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/enroll/recovery-codes');
    expect(await enrolmentStatus(enrollment, journey.journeyId)).toBe('enrolled');

    const { rows: passwords } = await enrollment.db.query<{ password_hash: string }>(
      `SELECT password_hash FROM password_credential WHERE legacy_account_id = $1`,
      [journey.legacyAccountId],
    );
    expect(passwords[0]?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const { rows: migrated } = await enrollment.db.query(
      `SELECT methods, assurance_level, phishing_resistant FROM migrated_account WHERE legacy_account_id = $1`,
      [journey.legacyAccountId],
    );
    expect(migrated).toEqual([
      { methods: ['totp', 'password'], assurance_level: 'aal2', phishing_resistant: false },
    ]);

    const codesPage = await customer.page('/enroll/recovery-codes');
    expect(codesPage.status).toBe(200);
    const codes = [...(await codesPage.text()).matchAll(/<li>([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})<\/li>/g)];
    expect(codes).toHaveLength(10);
    expect((await customer.page('/enroll/done')).status).toBe(200);

    const events = await outboxEvents(enrollment.db, journey.legacyAccountId);
    expect(events.map((event) => event.type)).toEqual([
      'rekey.enrollment.started.v1',
      'rekey.enrollment.completed.v1',
    ]);
    expect(events[1]!.data).toEqual({
      ...journey,
      methods: ['totp', 'password'],
      assuranceLevel: 'aal2',
      phishingResistant: false,
    });

    await eventually(async () => {
      const { rows: unsent } = await enrollment.db.query(
        `SELECT 1 FROM outbox_message WHERE message_key = $1 AND sent_at IS NULL`,
        [journey.legacyAccountId],
      );
      return unsent.length === 0 ? true : undefined;
    });
    const published = (await readAllMessages(enrollment.kafka.topicPrefix, [Topics.enrollment])).filter(
      (message) =>
        message.key === journey.legacyAccountId && message.text.includes('rekey.enrollment.completed.v1'),
    );
    expect(published).toHaveLength(1);
    expect(published[0]!.text).not.toContain('violet harbour');
    expect(published[0]!.text).not.toContain(secret.base32());
  });

  it('refuses a code already used, and of two requests racing with one code lets exactly one through', async () => {
    const { customer, journey } = await customerOnMethodsPage(enrollment);
    const { secret } = await openTotpPage(customer);
    const code = codeFor(secret);

    const raced = await Promise.all([
      customer.postForm('/enroll/totp', { code }),
      customer.postForm('/enroll/totp', { code }),
    ]);
    expect(raced.map((response) => response.status).sort()).toEqual([303, 422]);
    const step = (await factorOf(journey.legacyAccountId))!.last_used_step;

    const replayed = await customer.postForm('/enroll/totp', { code });
    expect(replayed.status).toBe(422);
    const page = await replayed.text();
    expect(page).toContain('That code was already used');
    // The confirmed factor's secret never shows again, nor does the code.
    expect(page).not.toContain('totp-key');
    expect(page).not.toContain(code);
    expect((await factorOf(journey.legacyAccountId))!.last_used_step).toBe(step);

    const failures = (await outboxEvents(enrollment.db, journey.legacyAccountId)).filter(
      (event) => event.type === 'rekey.enrollment.failed.v1',
    );
    expect(failures.map((event) => event.data)).toEqual([
      { ...journey, reason: 'totp_invalid', method: 'totp' },
      { ...journey, reason: 'totp_invalid', method: 'totp' },
    ]);
  });

  it.each([
    ['two steps ahead', 2],
    ['two steps behind', -2],
    ['ten minutes old', -20],
  ])(
    'refuses a code %s, shows the form again with the refusal tied to the field, and confirms nothing',
    async (_case, offset) => {
      const { customer, journey } = await customerOnMethodsPage(enrollment);
      const { secret } = await openTotpPage(customer);
      const code = codeFor(secret, offset);

      const refused = await customer.postForm('/enroll/totp', { code });

      expect(refused.status).toBe(422);
      const page = await refused.text();
      expect(page).toContain('<p id="code-error" class="error">That code is not right.');
      expect(page).toMatch(
        /<input id="code" name="code" [^>]*aria-describedby="code-error code-hint" aria-invalid="true" autofocus>/,
      );
      expect(page).not.toContain(`value="${code}"`);
      // The same pending secret, so the customer can try the code the app shows now.
      expect(page).toContain(secret.base32().slice(0, 4));
      expect(await factorOf(journey.legacyAccountId)).toEqual(
        expect.objectContaining({ confirmed: false, last_used_step: null }),
      );
      expect((await customer.postForm('/enroll/totp', { code: codeFor(secret) })).status).toBe(303);
    },
  );

  it('refuses what cannot be a code before looking at it', async () => {
    const { customer, journey } = await customerOnMethodsPage(enrollment);
    await openTotpPage(customer);
    for (const code of ['12345', 'abcdef', '1234567', '']) {
      const refused = await customer.postForm('/enroll/totp', { code });
      expect(refused.status).toBe(422);
      expect(await refused.text()).toContain('Enter the 6 digits your authenticator app shows.');
    }
    expect((await factorOf(journey.legacyAccountId))!.confirmed).toBe(false);
  });

  it('makes a new secret at every visit, so a reloaded page replaces the one shown before', async () => {
    const { customer, journey } = await customerOnMethodsPage(enrollment);
    const first = await openTotpPage(customer);
    const second = await openTotpPage(customer);
    expect(second.secret.base32()).not.toBe(first.secret.base32());
    expect((await customer.postForm('/enroll/totp', { code: codeFor(first.secret) })).status).toBe(422);
    expect((await customer.postForm('/enroll/totp', { code: codeFor(second.secret) })).status).toBe(303);
    expect((await factorOf(journey.legacyAccountId))!.confirmed).toBe(true);
  });

  it.each([
    ['without a CSRF token', { csrf: '' }, {}],
    ['with a wrong CSRF token', { csrf: 'A'.repeat(43) }, {}],
    ['from another origin', {}, { origin: 'https://evil.example' }],
  ])('refuses a code posted %s with a page, and confirms nothing', async (_case, fields, headers) => {
    const { customer, journey } = await customerOnMethodsPage(enrollment);
    const { secret } = await openTotpPage(customer);

    const refused = await customer.postForm('/enroll/totp', { code: codeFor(secret), ...fields }, headers);

    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await refused.text()).toContain('Please use the set-up page itself');
    expect((await factorOf(journey.legacyAccountId))!.confirmed).toBe(false);
  });

  it('refuses a password posted without its CSRF token or from another origin, and finishes nothing', async () => {
    const { customer, journey } = await customerOnMethodsPage(enrollment);
    await customer.readCsrfToken('/enroll/password');
    for (const [fields, headers] of [
      [{ csrf: '' }, {}],
      [{ csrf: 'B'.repeat(43) }, {}],
      [{}, { origin: 'https://evil.example' }],
    ] as Array<[Record<string, string>, Record<string, string>]>) {
      const refused = await customer.postForm(
        '/enroll/password',
        { password: 'a quiet octopus paints the harbour', ...fields },
        headers,
      );
      expect(refused.status).toBe(403);
    }
    expect(await enrolmentStatus(enrollment, journey.journeyId)).toBe('started');
    const { rows } = await enrollment.db.query(
      `SELECT 1 FROM password_credential WHERE legacy_account_id = $1`,
      [journey.legacyAccountId],
    );
    expect(rows).toHaveLength(0);
  });
});
