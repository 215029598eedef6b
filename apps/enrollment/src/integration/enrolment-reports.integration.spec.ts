import { mintOperatorToken } from '@rekey/operator-auth';
import { SoftwareAuthenticator } from '@rekey/webauthn-authenticator';
import { aJourney, CustomerClient, startEnrollment, type EnrollmentUnderTest } from './enrollment.fixture';
import { customerOnPasskeyPage, prove, registerPasskey } from './passkey-ceremony.fixture';

describe('operators read enrolments: methods and levels, never secrets', () => {
  let enrollment: EnrollmentUnderTest;
  let token: string;

  beforeAll(async () => {
    enrollment = await startEnrollment('enrollment_reports');
    token = await mintOperatorToken({ subject: 'support-1', scopes: ['enrolments:read'], ttlSeconds: 600 });
  }, 120_000);

  afterAll(async () => {
    await enrollment?.stop();
  });

  const read = (route: string, bearer = token) =>
    fetch(`${enrollment.url}${route}`, { headers: { authorization: `Bearer ${bearer}` } });

  it("shows an account's methods, level and passkeys, and a wave's tally", async () => {
    const waveId = aJourney().waveId;
    const enrolled = await customerOnPasskeyPage(enrollment, aJourney({ waveId }));
    const device = new SoftwareAuthenticator();
    const { proof } = await registerPasskey(enrolled.customer, device, enrollment.origin);
    expect((await prove(enrolled.customer, device.getAssertion(proof, enrollment.origin))).status).toBe(200);
    await new CustomerClient(enrollment).exchange(await enrollment.grants.sign(aJourney({ waveId })));

    const response = await read(`/operator/accounts/${enrolled.journey.legacyAccountId}/enrolment`);
    expect(response.status).toBe(200);
    const report = (await response.json()) as Record<string, unknown>;
    expect(report).toMatchObject({
      ...enrolled.journey,
      status: 'enrolled',
      methods: ['passkey'],
      assuranceLevel: 'aal2',
      phishingResistant: true,
      passkeys: [expect.objectContaining({ backupEligible: true, transports: expect.any(Array) })],
    });
    const text = JSON.stringify(report);
    const [held] = device.heldCredentials();
    expect(text).not.toContain(held!.id);
    expect(text).not.toContain('publicKey');

    const tally = (await (await read(`/operator/waves/${waveId}/enrolments`)).json()) as Record<
      string,
      unknown
    >;
    expect(tally).toEqual({
      waveId,
      started: 2,
      enrolled: 1,
      byMethodsAndLevel: [{ methods: ['passkey'], assuranceLevel: 'aal2', accounts: 1 }],
    });
  });

  it('answers 404 for an account that never started, and refuses tokens without the scope and customer sessions', async () => {
    expect((await read('/operator/accounts/nobody/enrolment')).status).toBe(404);
    const wrongScope = await mintOperatorToken({ subject: 'op', scopes: ['waves:read'], ttlSeconds: 600 });
    expect((await read('/operator/accounts/nobody/enrolment', wrongScope)).status).toBe(403);
    const { customer } = await customerOnPasskeyPage(enrollment);
    const asCustomer = await customer.page('/operator/accounts/nobody/enrolment');
    expect(asCustomer.status).toBe(401);
  });
});
