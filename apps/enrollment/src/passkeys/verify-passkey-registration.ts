import { verifyRegistrationResponse, type RegistrationResponseJSON } from '@simplewebauthn/server';
import type { PasskeyCredential } from './domain/passkey-credential';
import type { WebAuthnPolicy } from './domain/webauthn-policy';
import { SUPPORTED_ALGORITHMS } from './passkey-options';

export type VerifiedPasskey = Omit<PasskeyCredential, 'legacyAccountId' | 'userHandle' | 'createdAt'>;

/**
 * A registration response checked against its challenge and the relying party (user verification
 * required), as the passkey it creates; undefined when it does not verify. The library's error is
 * dropped: its message may quote the response.
 */
export async function verifyPasskeyRegistration(
  response: RegistrationResponseJSON,
  challenge: string,
  policy: WebAuthnPolicy,
): Promise<VerifiedPasskey | undefined> {
  let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verified = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: policy.origins,
      expectedRPID: policy.rpId,
      requireUserVerification: true,
      supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
    });
  } catch {
    return undefined;
  }
  if (!verified.verified) return undefined;
  const { credential, credentialDeviceType, credentialBackedUp, aaguid } = verified.registrationInfo;
  return {
    id: credential.id,
    publicKey: Buffer.from(credential.publicKey),
    counter: credential.counter,
    transports: credential.transports ?? response.response.transports ?? [],
    deviceType: credentialDeviceType,
    backupEligible: credentialDeviceType === 'multiDevice',
    backedUp: credentialBackedUp,
    aaguid,
  };
}
