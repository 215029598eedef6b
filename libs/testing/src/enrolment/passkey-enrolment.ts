import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { EnrolmentClient, EnrolmentStepFailed, type HttpAnswer } from './enrolment-client';

/** What enrollment's passkey calls answer: the next ceremony and its options. */
export type CeremonyStep =
  | { ceremony: 'registration'; options: PublicKeyCredentialCreationOptionsJSON }
  | { ceremony: 'authentication'; options: PublicKeyCredentialRequestOptionsJSON };

/**
 * What a browser's WebAuthn API does with the options: `SoftwareAuthenticator` of
 * `@rekey/webauthn-authenticator` is one (this library does not depend on it).
 */
export interface PasskeyDevice {
  createCredential(options: PublicKeyCredentialCreationOptionsJSON, origin: string): RegistrationResponseJSON;
  getAssertion(options: PublicKeyCredentialRequestOptionsJSON, origin: string): AuthenticationResponseJSON;
}

/**
 * The passkey page's script, for a customer whose grant was exchanged: the page's CSRF token,
 * registration options, the device's credential, then the proving sign-in with it. Resolves with
 * where the page goes next (`location`); a refused step throws `EnrolmentStepFailed`.
 */
export async function enrolPasskey(client: EnrolmentClient, device: PasskeyDevice): Promise<string> {
  await client.readCsrfToken('/enroll/passkey');
  const origin = client.target.origin;
  const registration = await stepOf('options', await client.postJson('/enroll/passkey/options', {}));
  if (registration.ceremony !== 'registration') throw new EnrolmentStepFailed('options', 200, undefined);
  const credential = device.createCredential(registration.options, origin);
  const proof = await stepOf(
    'registration',
    await client.postJson('/enroll/passkey/registration', credential),
  );
  if (proof.ceremony !== 'authentication') throw new EnrolmentStepFailed('registration', 200, undefined);
  const answer = await client.postJson('/enroll/passkey/proof', device.getAssertion(proof.options, origin));
  if (answer.status !== 200) throw EnrolmentStepFailed.of('proof', answer);
  const { location } = JSON.parse(answer.body) as { location?: unknown };
  if (typeof location !== 'string') throw new EnrolmentStepFailed('proof', answer.status, undefined);
  return location;
}

function stepOf(step: string, answer: HttpAnswer): CeremonyStep {
  if (answer.status !== 200) throw EnrolmentStepFailed.of(step, answer);
  return JSON.parse(answer.body) as CeremonyStep;
}
