import {
  enrolBridgePassword,
  enrolTotpAndPassword,
  EnrolmentClient,
  EnrolmentStepFailed,
} from '@rekey/testing';
import { aJourney, startEnrollment, type EnrollmentUnderTest } from './enrollment.fixture';
import { enrolmentStatus } from './factor-pages.fixture';

/**
 * The scripted customers the demo and the benchmark run (libs/testing's enrolment helpers) against
 * the real pages: what they parse off a page and post must stay what enrollment serves.
 */
describe("the demo's scripted customers on enrollment's pages", () => {
  let enrollment: EnrollmentUnderTest;

  beforeAll(async () => {
    enrollment = await startEnrollment('enrollment_scripted');
  }, 120_000);

  afterAll(async () => {
    await enrollment?.stop();
  });

  async function customerWith(journey = aJourney()) {
    const client = new EnrolmentClient({ url: enrollment.url, origin: enrollment.origin });
    const exchanged = await client.exchange(await enrollment.grants.sign(journey));
    expect(exchanged.status).toBe(303);
    return { client, journey };
  }

  async function methodsOf(legacyAccountId: string) {
    const { rows } = await enrollment.db.query<{ methods: string[]; assurance_level: string }>(
      `SELECT methods, assurance_level FROM migrated_account WHERE legacy_account_id = $1`,
      [legacyAccountId],
    );
    return rows[0];
  }

  it('enrols an authenticator app with the code computed from the key on the page, then a password', async () => {
    const { client, journey } = await customerWith();
    await expect(enrolTotpAndPassword(client, 'copper lantern 42')).resolves.toBe('/enroll/recovery-codes');
    expect(await enrolmentStatus(enrollment, journey.journeyId)).toBe('enrolled');
    expect(await methodsOf(journey.legacyAccountId)).toEqual({
      methods: ['totp', 'password'],
      assurance_level: 'aal2',
    });
  });

  it('bridges with a password alone where the policy allows AAL1', async () => {
    const { client, journey } = await customerWith();
    await expect(enrolBridgePassword(client, 'a long and unusual bridge phrase')).resolves.toBe(
      '/enroll/recovery-codes',
    );
    expect(await methodsOf(journey.legacyAccountId)).toEqual({
      methods: ['password'],
      assurance_level: 'aal1',
    });
  });

  it('stops on the 403 page when the policy requires AAL2, and the account is not enrolled', async () => {
    const { client, journey } = await customerWith(
      aJourney({
        policy: { minimumAssurance: 'aal2', passwordBridgeEndsAt: new Date(Date.now() + 86_400_000) },
      }),
    );
    const refusal = await enrolBridgePassword(client, 'a long and unusual bridge phrase').catch(
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(EnrolmentStepFailed);
    expect(refusal).toMatchObject({ step: 'password', status: 403 });
    expect(await methodsOf(journey.legacyAccountId)).toBeUndefined();
  });

  it('names the refused step when the password breaks a rule', async () => {
    const { client } = await customerWith();
    await expect(enrolBridgePassword(client, 'short')).rejects.toMatchObject({ step: 'password' });
  });
});
