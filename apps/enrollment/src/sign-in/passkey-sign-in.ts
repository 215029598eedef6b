import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import {
  generateAuthenticationOptions,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { HOLD_STORE, type HoldStore } from '../holds/hold-store.port';
import type { WebAuthnPolicy } from '../passkeys/domain/webauthn-policy';
import { authenticationResponseOf } from '../passkeys/domain/webauthn-response';
import { verifyPasskeyAssertion } from '../passkeys/verify-passkey-assertion';
import { WEBAUTHN_POLICY } from '../passkeys/webauthn-policy.provider';
import { SignInRefused } from './domain/sign-in.errors';
import { SignInRateLimiter } from './sign-in-rate-limits';
import { SignInSessions, type SignedIn } from './sign-in-sessions';
import { SIGN_IN_STORE, type SignInAttempt, type SignInStore } from './sign-in-store.port';

/**
 * Passkey sign-in with a discoverable credential: options name no credential (the authenticator
 * offers the customer's own, so nothing is looked up before it answers), user verification
 * required, a single-use challenge bound to the pre-sign-in attempt. An unknown credential, a
 * replayed challenge or a counter that did not move forward get the same neutral refusal.
 */
@Injectable()
export class PasskeySignIn {
  constructor(
    @Inject(SIGN_IN_STORE) private readonly store: SignInStore,
    @Inject(HOLD_STORE) private readonly holds: HoldStore,
    @Inject(WEBAUTHN_POLICY) private readonly policy: WebAuthnPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly limiter: SignInRateLimiter,
    private readonly sessions: SignInSessions,
  ) {}

  async options(attempt: SignInAttempt): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const options = await generateAuthenticationOptions({
      rpID: this.policy.rpId,
      userVerification: 'required',
      timeout: this.policy.challengeSeconds * 1000,
    });
    const expiresAt = new Date(this.clock.now().getTime() + this.policy.challengeSeconds * 1000);
    await this.store.saveChallenge(attempt.hash, options.challenge, expiresAt);
    return options;
  }

  async finish(attempt: SignInAttempt, body: unknown, ipAddress: string): Promise<SignedIn> {
    await this.limiter.admit(ipAddress);
    const response = authenticationResponseOf(body);
    const now = this.clock.now();
    // Taken first, whatever follows: a challenge answers one assertion, right or wrong.
    const challenge = await this.store.takeChallenge(attempt.hash, now);
    if (!response || !challenge) throw new SignInRefused();
    const passkey = await this.store.findPasskey(response.id);
    if (!passkey || (await this.holds.isHeld(passkey.legacyAccountId))) throw new SignInRefused();

    const newCounter = await verifyPasskeyAssertion(response, challenge, passkey, this.policy);
    if (newCounter === undefined) throw new SignInRefused();
    const { signedIn, session } = this.sessions.newSession(passkey.legacyAccountId, 'aal2', ['passkey']);
    const counted = await this.store.signInWithPasskey(
      { credentialId: passkey.id, newCounter },
      session,
      now,
    );
    if (!counted) throw new SignInRefused();
    return signedIn;
  }
}
