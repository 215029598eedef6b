import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { SoftwareAuthenticator } from '@rekey/webauthn-authenticator';
import { aJourney, CustomerClient, type EnrollmentUnderTest } from './enrollment.fixture';

export type Step =
  | { ceremony: 'registration'; options: PublicKeyCredentialCreationOptionsJSON }
  | { ceremony: 'authentication'; options: PublicKeyCredentialRequestOptionsJSON };

/** A customer whose grant was exchanged and whose passkey page (and its CSRF token) was read. */
export async function customerOnPasskeyPage(enrollment: EnrollmentUnderTest, journey = aJourney()) {
  const customer = new CustomerClient(enrollment);
  const exchanged = await customer.exchange(await enrollment.grants.sign(journey));
  if (exchanged.status !== 303) throw new Error(`grant exchange answered ${exchanged.status}`);
  await customer.readCsrfToken('/enroll/passkey');
  return { customer, journey };
}

export async function stepOf(response: Response): Promise<Step> {
  if (response.status !== 200) throw new Error(`answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Step;
}

/** Options, registration by the device, then the proving sign-in's options. */
export async function registerPasskey(
  customer: CustomerClient,
  device: SoftwareAuthenticator,
  origin: string,
): Promise<{ proof: PublicKeyCredentialRequestOptionsJSON; registration: RegistrationResponseJSON }> {
  const step = await stepOf(await customer.postJson('/enroll/passkey/options', {}));
  if (step.ceremony !== 'registration') throw new Error('expected a registration');
  const registration = device.createCredential(step.options, origin);
  const next = await stepOf(await customer.postJson('/enroll/passkey/registration', registration));
  if (next.ceremony !== 'authentication') throw new Error('expected the proving sign-in');
  return { proof: next.options, registration };
}

export function prove(
  customer: CustomerClient,
  assertion: AuthenticationResponseJSON | unknown,
): Promise<Response> {
  return customer.postJson('/enroll/passkey/proof', assertion);
}
