import { verifyAuthenticationResponse, type AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { WebAuthnPolicy } from './domain/webauthn-policy';

/** What an assertion is checked against: the stored passkey. */
export interface StoredPasskey {
  id: string;
  publicKey: Buffer;
  counter: number;
  transports: readonly string[];
}

/**
 * An assertion checked against its challenge, the relying party (user verification required) and
 * the stored passkey, its counter included: the new counter, or undefined when it does not verify.
 * The library's error is dropped: its message may quote the response.
 */
export async function verifyPasskeyAssertion(
  response: AuthenticationResponseJSON,
  challenge: string,
  passkey: StoredPasskey,
  policy: WebAuthnPolicy,
): Promise<number | undefined> {
  try {
    const verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: policy.origins,
      expectedRPID: policy.rpId,
      requireUserVerification: true,
      credential: {
        id: passkey.id,
        publicKey: new Uint8Array(passkey.publicKey),
        counter: passkey.counter,
        transports: passkey.transports as never,
      },
    });
    return verified.verified ? verified.authenticationInfo.newCounter : undefined;
  } catch {
    return undefined;
  }
}
