import { aJourney, outboxEvents, startEnrollment, type EnrollmentUnderTest } from './enrollment.fixture';
import { codeFor, customerOnMethodsPage, enrolmentStatus, openTotpPage } from './factor-pages.fixture';

const GOOD_PASSWORD = 'a quiet octopus paints the harbour';

describe('bridging password enrolment over HTTP', () => {
  let enrollment: EnrollmentUnderTest;

  beforeAll(async () => {
    enrollment = await startEnrollment('enrollment_passwords');
  }, 120_000);

  afterAll(async () => {
    await enrollment?.stop();
  });

  async function passwordRowsOf(legacyAccountId: string) {
    const { rows } = await enrollment.db.query<{ password_hash: string; bridge_ends_at: Date }>(
      `SELECT password_hash, bridge_ends_at FROM password_credential WHERE legacy_account_id = $1`,
      [legacyAccountId],
    );
    return rows;
  }

  async function eventTypesOf(legacyAccountId: string): Promise<string[]> {
    return (await outboxEvents(enrollment.db, legacyAccountId)).map((event) => event.type);
  }

  it('enrols a password alone at AAL1, as a bridge that ends on the wave’s date, and publishes the completion', async () => {
    const bridgeEnd = new Date('2027-03-02T12:00:00Z');
    const journey = aJourney({ policy: { minimumAssurance: 'aal1', passwordBridgeEndsAt: bridgeEnd } });
    const { customer, methods } = await customerOnMethodsPage(enrollment, journey);
    expect(methods).toContain('Use a password only');
    expect(methods).toContain('on 2 March 2027 it stops working on its own');
    expect(methods).toContain('href="/enroll/password"');

    await customer.readCsrfToken('/enroll/password');
    const form = await (await customer.page('/enroll/password')).text();
    expect(form).toContain('Use at least 15 characters');
    expect(form).toContain('temporary bridge: on 2 March 2027');
    expect(form).toMatch(/<label for="password">New password<\/label>/);
    expect(form).toMatch(/<input id="password" name="password" type="password" autocomplete="new-password"/);

    const saved = await customer.postForm('/enroll/password', { password: GOOD_PASSWORD });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/enroll/recovery-codes');
    expect(await enrolmentStatus(enrollment, journey.journeyId)).toBe('enrolled');
    const rows = await passwordRowsOf(journey.legacyAccountId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$/);
    expect(rows[0]!.password_hash).not.toContain(GOOD_PASSWORD);
    expect(rows[0]!.bridge_ends_at).toEqual(bridgeEnd);

    // A form sent twice finishes nothing twice.
    const twice = await customer.postForm('/enroll/password', { password: GOOD_PASSWORD });
    expect(twice.status).toBe(303);
    expect(twice.headers.get('location')).toBe('/enroll/done');

    const events = await outboxEvents(enrollment.db, journey.legacyAccountId);
    const { policy: _policy, ...ids } = journey;
    expect(events.map((event) => event.type)).toEqual([
      'rekey.enrollment.started.v1',
      'rekey.enrollment.completed.v1',
    ]);
    expect(events[1]!.data).toEqual({
      ...ids,
      methods: ['password'],
      assuranceLevel: 'aal1',
      phishingResistant: false,
    });
    expect(JSON.stringify(events)).not.toContain('octopus');
  });

  const refusals: Array<[string, string, RegExp]> = [
    ['too short for a password alone', 'fourteen chars', /needs at least 15 characters/],
    ['too long (257 characters)', 'x'.repeat(257), /at most 256 characters/],
    ['too long for the hasher’s limit (5,000 characters)', '🔑'.repeat(2500), /at most 256 characters/],
    ['on the blocklist', 'passwordpassword', /list of common or leaked passwords/],
    ['made of the account id', 'my target account is the best', /must not contain your name/],
    ['made of the service name', 'rekey rekey rekey rekey', /must not contain your name/],
  ];

  it.each(refusals)(
    'refuses a password %s, names the rule next to the field, never echoes it, and saves nothing',
    async (_case, password, rule) => {
      const { customer, journey } = await customerOnMethodsPage(enrollment);
      await customer.readCsrfToken('/enroll/password');

      const refused = await customer.postForm('/enroll/password', { password });

      expect(refused.status).toBe(422);
      const page = await refused.text();
      const error = /<p id="password-error" class="error">([^<]+)<\/p>/.exec(page)?.[1];
      expect(error).toMatch(rule);
      expect(page).toMatch(
        /<input id="password" [^>]*aria-describedby="password-error password-hint" aria-invalid="true" autofocus>/,
      );
      expect(page).not.toContain(password);
      expect(page).not.toContain('value=""');
      expect(await enrolmentStatus(enrollment, journey.journeyId)).toBe('started');
      expect(await passwordRowsOf(journey.legacyAccountId)).toHaveLength(0);
      const failed = (await outboxEvents(enrollment.db, journey.legacyAccountId)).filter(
        (event) => event.type === 'rekey.enrollment.failed.v1',
      );
      expect(failed.map((event) => event.data)).toEqual([
        { ...journey, reason: 'password_rejected', method: 'password' },
      ]);
    },
  );

  it('asks only 8 characters with the app, and still refuses 7', async () => {
    const { customer, journey } = await customerOnMethodsPage(enrollment);
    const { secret } = await openTotpPage(customer);
    expect((await customer.postForm('/enroll/totp', { code: codeFor(secret) })).status).toBe(303);

    const short = await customer.postForm('/enroll/password', { password: 'seven c' });
    expect(short.status).toBe(422);
    expect(await short.text()).toContain('Your password needs at least 8 characters.');
    const blocked = await customer.postForm('/enroll/password', { password: 'Password1234' });
    expect(blocked.status).toBe(422);
    expect(await blocked.text()).toContain('list of common or leaked passwords');
    expect((await customer.postForm('/enroll/password', { password: 'eight ch' })).status).toBe(303);
    expect(await enrolmentStatus(enrollment, journey.journeyId)).toBe('enrolled');
  });

  it('never lets a privileged account finish on a password alone, even posted directly', async () => {
    const journey = aJourney({
      policy: { minimumAssurance: 'aal2', passwordBridgeEndsAt: new Date('2027-03-02T12:00:00Z') },
    });
    const { customer, methods } = await customerOnMethodsPage(enrollment, journey);
    expect(methods).not.toContain('Use a password only');
    expect(methods).not.toContain('href="/enroll/password"');
    expect(methods).toContain('Use an authenticator app');

    const offered = await customer.page('/enroll/password');
    expect(offered.status).toBe(403);
    expect(await offered.text()).toContain('Your account needs a stronger sign-in');

    await customer.readCsrfToken('/enroll/totp');
    const posted = await customer.postForm('/enroll/password', { password: GOOD_PASSWORD });
    expect(posted.status).toBe(403);
    expect(await posted.text()).toContain('a password on its own is not enough');
    expect(await enrolmentStatus(enrollment, journey.journeyId)).toBe('started');
    expect(await passwordRowsOf(journey.legacyAccountId)).toHaveLength(0);
    expect(await eventTypesOf(journey.legacyAccountId)).toEqual(['rekey.enrollment.started.v1']);

    // The app and a password reach AAL2: that the wave allows.
    const { secret } = await openTotpPage(customer);
    expect((await customer.postForm('/enroll/totp', { code: codeFor(secret) })).status).toBe(303);
    expect((await customer.postForm('/enroll/password', { password: 'violet harbour' })).status).toBe(303);
    const { rows } = await enrollment.db.query(
      `SELECT methods, assurance_level FROM migrated_account WHERE legacy_account_id = $1`,
      [journey.legacyAccountId],
    );
    expect(rows).toEqual([{ methods: ['totp', 'password'], assurance_level: 'aal2' }]);
  });

  it('shows recovery codes only once the sign-in is set up, and makes a new set, replacing the last, at every visit', async () => {
    const { customer, journey } = await customerOnMethodsPage(enrollment);
    const early = await customer.page('/enroll/recovery-codes');
    expect(early.status).toBe(303);
    expect(early.headers.get('location')).toBe('/enroll/methods');

    await customer.readCsrfToken('/enroll/password');
    expect((await customer.postForm('/enroll/password', { password: GOOD_PASSWORD })).status).toBe(303);

    const digests = async () =>
      (
        await enrollment.db.query<{ digest: Buffer }>(
          `SELECT digest FROM recovery_code WHERE legacy_account_id = $1 ORDER BY digest`,
          [journey.legacyAccountId],
        )
      ).rows.map((row) => row.digest.toString('hex'));
    const codesOf = async () => {
      const page = await (await customer.page('/enroll/recovery-codes')).text();
      expect(page).toContain('<a href="/enroll/done">Continue</a>');
      expect(page).toContain('If you reload this page, you get a new set');
      return [...page.matchAll(/<li>([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})<\/li>/g)].map((match) => match[1]);
    };

    const first = await codesOf();
    const firstDigests = await digests();
    const second = await codesOf();
    const secondDigests = await digests();

    expect(first).toHaveLength(10);
    expect(second).toHaveLength(10);
    expect(second.filter((code) => first.includes(code))).toEqual([]);
    expect(secondDigests).toHaveLength(10);
    expect(secondDigests.filter((digest) => firstDigests.includes(digest))).toEqual([]);
    // Only digests are stored: no code appears in the table.
    expect(secondDigests.join('')).not.toContain(Buffer.from(second[0]!).toString('hex'));
    expect((await customer.page('/enroll/done')).status).toBe(200);
  });
});
