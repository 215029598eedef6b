import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  type WebAuthnCredential,
} from '@simplewebauthn/server';

// The relying party of the specs, configured as the enrollment service is: user verification
// required, resident keys preferred, `none` attestation.
export const RP_ID = 'enroll.rekey.test';
export const ORIGIN = `https://${RP_ID}`;

export function registrationOptions(
  overrides: { userName?: string; excludeCredentials?: { id: string }[] } = {},
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return generateRegistrationOptions({
    rpName: 'Rekey',
    rpID: RP_ID,
    userName: overrides.userName ?? 'customer@example.com',
    attestationType: 'none',
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
    excludeCredentials: overrides.excludeCredentials ?? [],
  });
}

export function authenticationOptions(
  allowCredentials: { id: string }[] = [],
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({ rpID: RP_ID, allowCredentials, userVerification: 'required' });
}

export function verifyRegistration(
  response: RegistrationResponseJSON | Record<string, unknown>,
  options: PublicKeyCredentialCreationOptionsJSON,
) {
  return verifyRegistrationResponse({
    // Malformed responses are cast: a relying party receives whatever a client sends.
    response: response as RegistrationResponseJSON,
    expectedChallenge: options.challenge,
    expectedOrigin: ORIGIN,
    expectedRPID: RP_ID,
    requireUserVerification: true,
  });
}

export function verifyAuthentication(
  response: AuthenticationResponseJSON | Record<string, unknown>,
  options: PublicKeyCredentialRequestOptionsJSON,
  credential: WebAuthnCredential,
) {
  return verifyAuthenticationResponse({
    response: response as AuthenticationResponseJSON,
    expectedChallenge: options.challenge,
    expectedOrigin: ORIGIN,
    expectedRPID: RP_ID,
    credential,
    requireUserVerification: true,
  });
}

/** What a relying party stores after a verified registration. */
export async function registeredCredential(
  response: RegistrationResponseJSON,
  options: PublicKeyCredentialCreationOptionsJSON,
): Promise<WebAuthnCredential> {
  const verification = await verifyRegistration(response, options);
  if (!verification.verified) throw new Error('The registration did not verify');
  return verification.registrationInfo.credential;
}
