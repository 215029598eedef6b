import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import { createEvent, EnrollmentCredentialAddedV1 } from '@rekey/contracts';
import {
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
} from '@simplewebauthn/server';
import { ENROLLMENT_SOURCE } from '../enrolments/domain/enrolment-events';
import { PasskeyRefused } from '../passkeys/domain/passkey.errors';
import type { WebAuthnPolicy } from '../passkeys/domain/webauthn-policy';
import { registrationResponseOf } from '../passkeys/domain/webauthn-response';
import { SUPPORTED_ALGORITHMS } from '../passkeys/passkey-options';
import { PASSKEY_STORE, type PasskeyStore } from '../passkeys/passkey-store.port';
import { verifyPasskeyRegistration } from '../passkeys/verify-passkey-registration';
import { WEBAUTHN_POLICY } from '../passkeys/webauthn-policy.provider';
import { SIGN_IN_STORE, type SignedInSession, type SignInStore } from './sign-in-store.port';

/**
 * A signed-in customer adds a passkey (the invitation of a bridge-password account): the same
 * registration rules as enrolment, the challenge bound to the signed-in session. The account is
 * then AAL2 phishing-resistant, and credential-added.v1 goes out with the change.
 */
@Injectable()
export class AddPasskeyAfterSignIn {
  constructor(
    @Inject(SIGN_IN_STORE) private readonly store: SignInStore,
    @Inject(PASSKEY_STORE) private readonly passkeys: PasskeyStore,
    @Inject(WEBAUTHN_POLICY) private readonly policy: WebAuthnPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async options(session: SignedInSession): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const existing = await this.passkeys.credentialsOf(session.legacyAccountId);
    const userHandle = (await this.passkeys.userHandleOf(session.legacyAccountId)) ?? randomBytes(32);
    const options = await generateRegistrationOptions({
      rpName: this.policy.rpName,
      rpID: this.policy.rpId,
      userID: new Uint8Array(userHandle),
      userName: session.targetAccountId,
      userDisplayName: session.targetAccountId,
      timeout: this.policy.challengeSeconds * 1000,
      attestationType: this.policy.attestation,
      excludeCredentials: existing.map((credential) => ({
        id: credential.id,
        transports: credential.transports,
      })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
      supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
    });
    const expiresAt = new Date(this.clock.now().getTime() + this.policy.challengeSeconds * 1000);
    await this.store.saveSessionChallenge(session.hash, options.challenge, expiresAt);
    return options;
  }

  async finish(session: SignedInSession, body: unknown): Promise<{ location: string }> {
    const response = registrationResponseOf(body);
    if (!response) throw new PasskeyRefused('malformed');
    const now = this.clock.now();
    const challenge = await this.store.takeSessionChallenge(session.hash, now);
    if (!challenge) throw new PasskeyRefused('challenge');
    const verified = await verifyPasskeyRegistration(response, challenge, this.policy);
    if (!verified) throw new PasskeyRefused('verification');
    const userHandle = (await this.passkeys.userHandleOf(session.legacyAccountId)) ?? randomBytes(32);
    const event = createEvent(
      EnrollmentCredentialAddedV1,
      {
        legacyAccountId: session.legacyAccountId,
        targetAccountId: session.targetAccountId,
        method: 'passkey',
        assuranceLevel: 'aal2',
        phishingResistant: true,
      },
      { source: ENROLLMENT_SOURCE, subject: session.legacyAccountId },
      () => now,
    );
    const added = await this.store.addPasskey(
      { ...verified, legacyAccountId: session.legacyAccountId, userHandle, createdAt: now },
      event,
    );
    if (added === 'taken') throw new PasskeyRefused('duplicate');
    return { location: '/account' };
  }
}
