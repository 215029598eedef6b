import { Topics } from '@rekey/contracts';
import { eventually, readAllMessages } from '@rekey/testing';
import { SoftwareAuthenticator } from '@rekey/webauthn-authenticator';
import { aJourney, outboxEvents, startEnrollment, type EnrollmentUnderTest } from './enrollment.fixture';
import { customerOnPasskeyPage, prove, registerPasskey, stepOf } from './passkey-ceremony.fixture';

describe('passkey enrolment over HTTP, with a software authenticator', () => {
  let enrollment: EnrollmentUnderTest;

  beforeAll(async () => {
    enrollment = await startEnrollment('enrollment_passkeys');
  }, 120_000);

  afterAll(async () => {
    await enrollment?.stop();
  });

  async function enrolmentStatus(journeyId: string): Promise<string | undefined> {
    const { rows } = await enrollment.db.query<{ status: string }>(
      `SELECT status FROM enrolment WHERE journey_id = $1`,
      [journeyId],
    );
    return rows[0]?.status;
  }

  it('registers a passkey, counts it only after one sign-in with it, and publishes the completion on Kafka', async () => {
    const { customer, journey } = await customerOnPasskeyPage(enrollment);
    const device = new SoftwareAuthenticator();
    const { proof } = await registerPasskey(customer, device, enrollment.origin);
    expect(await enrolmentStatus(journey.journeyId)).toBe('credential_registered');
    expect(proof.userVerification).toBe('required');
    expect(proof.allowCredentials).toHaveLength(1);

    const proved = await prove(customer, device.getAssertion(proof, enrollment.origin));
    expect(proved.status).toBe(200);
    expect(await proved.json()).toEqual({ location: '/enroll/recovery-codes' });
    expect(await enrolmentStatus(journey.journeyId)).toBe('enrolled');
    expect((await customer.page('/enroll/done')).status).toBe(200);

    const { rows } = await enrollment.db.query(
      `SELECT counter, proven_at IS NOT NULL AS proven, last_used_at IS NOT NULL AS used, backup_eligible,
              backed_up, aaguid, transports, device_type
         FROM passkey_credential WHERE legacy_account_id = $1`,
      [journey.legacyAccountId],
    );
    expect(rows).toEqual([
      expect.objectContaining({
        counter: '1',
        proven: true,
        used: true,
        backup_eligible: true,
        backed_up: true,
      }),
    ]);
    const { rows: migrated } = await enrollment.db.query(
      `SELECT methods, assurance_level, phishing_resistant FROM migrated_account WHERE legacy_account_id = $1`,
      [journey.legacyAccountId],
    );
    expect(migrated).toEqual([{ methods: ['passkey'], assurance_level: 'aal2', phishing_resistant: true }]);

    // The completion reaches Kafka, keyed by the account, with the journey's ids and no secret.
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
    const data = JSON.parse(published[0]!.text.split('\n')[0]!) as Record<string, unknown>;
    expect(data).toEqual({
      ...journey,
      methods: ['passkey'],
      assuranceLevel: 'aal2',
      phishingResistant: true,
    });
    expect(published[0]!.text).toContain(journey.journeyId);
  });

  it('refuses every ceremony call without its session’s CSRF token or from another origin', async () => {
    const { customer } = await customerOnPasskeyPage(enrollment);
    const noToken = await customer.postJson('/enroll/passkey/options', {}, { 'x-csrf-token': '' });
    expect(noToken.status).toBe(403);
    const wrongToken = await customer.postJson(
      '/enroll/passkey/options',
      {},
      { 'x-csrf-token': 'A'.repeat(43) },
    );
    expect(wrongToken.status).toBe(403);
    expect(((await wrongToken.json()) as { code: string }).code).toBe('request.csrf-token');
    const crossSite = await customer.postJson(
      '/enroll/passkey/options',
      {},
      { origin: 'https://evil.example' },
    );
    expect(crossSite.status).toBe(403);
    expect((await customer.postJson('/enroll/passkey/options', {})).status).toBe(200);
  });

  it.each([
    ['from another origin', { origin: 'https://phish.example' }],
    ['without user verification', { userVerified: false }],
  ])('refuses a registration %s, spends its challenge, and stores nothing', async (_case, knobs) => {
    const { customer, journey } = await customerOnPasskeyPage(enrollment);
    const step = await stepOf(await customer.postJson('/enroll/passkey/options', {}));
    if (step.ceremony !== 'registration') throw new Error('expected a registration');
    const device = new SoftwareAuthenticator();
    const refused = await customer.postJson(
      '/enroll/passkey/registration',
      device.createCredential(step.options, enrollment.origin, knobs),
    );
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { code: string }).code).toBe('passkey.verification');
    // The same challenge cannot be answered again, even correctly: it was spent.
    const replay = await customer.postJson(
      '/enroll/passkey/registration',
      new SoftwareAuthenticator().createCredential(step.options, enrollment.origin),
    );
    expect(((await replay.json()) as { code: string }).code).toBe('passkey.challenge');
    const { rows } = await enrollment.db.query(
      `SELECT 1 FROM passkey_credential WHERE legacy_account_id = $1`,
      [journey.legacyAccountId],
    );
    expect(rows).toHaveLength(0);
    expect(
      (await outboxEvents(enrollment.db, journey.legacyAccountId)).map((event) => event.data['reason']),
    ).toEqual([undefined, 'webauthn_verification', 'challenge_expired']);
  });

  it('refuses a registration for another relying party', async () => {
    const { customer } = await customerOnPasskeyPage(enrollment);
    const step = await stepOf(await customer.postJson('/enroll/passkey/options', {}));
    if (step.ceremony !== 'registration') throw new Error('expected a registration');
    const forged = new SoftwareAuthenticator().createCredential(
      { ...step.options, rp: { ...step.options.rp, id: 'phish.localhost' } },
      'http://phish.localhost',
    );
    const refused = await customer.postJson('/enroll/passkey/registration', forged);
    expect(((await refused.json()) as { code: string }).code).toBe('passkey.verification');
  });

  it.each(['truncated-cbor', 'wrong-types', 'wrong-cbor-types'] as const)(
    'refuses a malformed registration (%s) with a problem and no state change',
    async (corrupt) => {
      const { customer, journey } = await customerOnPasskeyPage(enrollment);
      const step = await stepOf(await customer.postJson('/enroll/passkey/options', {}));
      if (step.ceremony !== 'registration') throw new Error('expected a registration');
      const response = await customer.postJson(
        '/enroll/passkey/registration',
        new SoftwareAuthenticator().createCredential(step.options, enrollment.origin, { corrupt }),
      );
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(await enrolmentStatus(journey.journeyId)).toBe('started');
    },
  );

  it('refuses a huge body before reading it', async () => {
    const { customer } = await customerOnPasskeyPage(enrollment);
    const response = await customer.postJson('/enroll/passkey/registration', { id: 'a'.repeat(2_000_000) });
    expect(response.status).toBe(413);
  });

  it('refuses a proof replayed, without user verification or with a counter going backwards', async () => {
    const { customer, journey } = await customerOnPasskeyPage(enrollment);
    const device = new SoftwareAuthenticator({ initialCounter: 5 });
    const { proof } = await registerPasskey(customer, device, enrollment.origin);

    const backwards = await prove(customer, device.getAssertion(proof, enrollment.origin, { counter: 3 }));
    expect(((await backwards.json()) as { code: string }).code).toBe('passkey.verification');
    expect(await enrolmentStatus(journey.journeyId)).toBe('credential_registered');

    // The challenge went with the refused answer: ask for a new one, as the page does.
    const again = await stepOf(await customer.postJson('/enroll/passkey/options', {}));
    expect(again.ceremony).toBe('authentication');
    const unverified = await prove(
      customer,
      device.getAssertion(again.options as never, enrollment.origin, { userVerified: false }),
    );
    expect(((await unverified.json()) as { code: string }).code).toBe('passkey.verification');

    const last = await stepOf(await customer.postJson('/enroll/passkey/options', {}));
    const assertion = device.getAssertion(last.options as never, enrollment.origin);
    expect((await prove(customer, assertion)).status).toBe(200);
    const replayed = await prove(customer, assertion);
    expect(((await replayed.json()) as { code: string }).code).toBe('passkey.challenge');
    expect(
      (await outboxEvents(enrollment.db, journey.legacyAccountId)).filter(
        (event) => event.type === 'rekey.enrollment.completed.v1',
      ),
    ).toHaveLength(1);
  });

  it('refuses a passkey already bound to another account and publishes it for fraud monitoring', async () => {
    const owner = aJourney();
    const { customer, journey } = await customerOnPasskeyPage(enrollment);
    const step = await stepOf(await customer.postJson('/enroll/passkey/options', {}));
    if (step.ceremony !== 'registration') throw new Error('expected a registration');
    const registration = new SoftwareAuthenticator().createCredential(step.options, enrollment.origin);
    // The same authenticator's credential is already bound to another account (a cloned key, or
    // one device enrolled for two customers).
    await enrollment.db.query(
      `INSERT INTO passkey_credential (credential_id, legacy_account_id, user_handle, public_key, counter, transports,
         device_type, backup_eligible, backed_up, aaguid, created_at, proven_at)
       VALUES ($1, $2, '\\x00', '\\x00', 0, '{}', 'multiDevice', true, true, gen_random_uuid(), now(), now())`,
      [Buffer.from(registration.rawId, 'base64url'), owner.legacyAccountId],
    );
    const refused = await customer.postJson('/enroll/passkey/registration', registration);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { code: string }).code).toBe('passkey.duplicate');
    const events = await outboxEvents(enrollment.db, journey.legacyAccountId);
    expect(events.slice(1)).toEqual([
      {
        type: 'rekey.enrollment.duplicate-credential-refused.v1',
        data: { ...journey, boundToLegacyAccountId: owner.legacyAccountId },
      },
      {
        type: 'rekey.enrollment.failed.v1',
        data: { ...journey, reason: 'duplicate_credential', method: 'passkey' },
      },
    ]);
    expect(await enrolmentStatus(journey.journeyId)).toBe('started');
  });
});
