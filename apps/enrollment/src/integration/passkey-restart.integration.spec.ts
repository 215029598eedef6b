import { SoftwareAuthenticator } from '@rekey/webauthn-authenticator';
import { outboxEvents, startEnrollment, type EnrollmentUnderTest } from './enrollment.fixture';
import { customerOnPasskeyPage, prove, registerPasskey, stepOf } from './passkey-ceremony.fixture';

describe('a restart between registration and proof', () => {
  let enrollment: EnrollmentUnderTest;

  beforeAll(async () => {
    enrollment = await startEnrollment('enrollment_restart');
  }, 120_000);

  afterAll(async () => {
    await enrollment?.stop();
  });

  it('leaves the journey not enrolled, and the customer finishes afterwards with the passkey already registered', async () => {
    const { customer, journey } = await customerOnPasskeyPage(enrollment);
    const device = new SoftwareAuthenticator();
    await registerPasskey(customer, device, enrollment.origin);

    await enrollment.restart();

    const { rows } = await enrollment.db.query<{ status: string }>(
      `SELECT status FROM enrolment WHERE journey_id = $1`,
      [journey.journeyId],
    );
    expect(rows[0]?.status).toBe('credential_registered');
    // The page offers the proving sign-in, not a second registration.
    expect(await (await customer.page('/enroll/passkey')).text()).toContain('Check your passkey');
    const step = await stepOf(await customer.postJson('/enroll/passkey/options', {}));
    expect(step.ceremony).toBe('authentication');
    expect(
      (await prove(customer, device.getAssertion(step.options as never, enrollment.origin))).status,
    ).toBe(200);

    expect(device.heldCredentials()).toHaveLength(1);
    const { rows: credentials } = await enrollment.db.query(
      `SELECT 1 FROM passkey_credential WHERE legacy_account_id = $1`,
      [journey.legacyAccountId],
    );
    expect(credentials).toHaveLength(1);
    const types = (await outboxEvents(enrollment.db, journey.legacyAccountId)).map((event) => event.type);
    expect(types).toEqual(['rekey.enrollment.started.v1', 'rekey.enrollment.completed.v1']);
  });
});
