import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import type { Enrolment } from '../enrolments/domain/enrolment';
import type { WebAuthnPolicy } from './domain/webauthn-policy';
import { PASSKEY_STORE, type PasskeyStore } from './passkey-store.port';
import { WEBAUTHN_POLICY } from './webauthn-policy.provider';

/** ES256 first (every platform authenticator), then EdDSA and RS256 (some security keys). */
export const SUPPORTED_ALGORITHMS = [-7, -8, -257];

export type CeremonyStep =
  | { ceremony: 'registration'; options: PublicKeyCredentialCreationOptionsJSON }
  | { ceremony: 'authentication'; options: PublicKeyCredentialRequestOptionsJSON };

/**
 * The options of each ceremony, with a fresh challenge kept for the session: user verification
 * required, a discoverable credential preferred, no attachment forced (so a device without a
 * platform authenticator is offered a security key or a phone), the account's passkeys excluded.
 */
@Injectable()
export class PasskeyOptions {
  constructor(
    @Inject(PASSKEY_STORE) private readonly passkeys: PasskeyStore,
    @Inject(WEBAUTHN_POLICY) private readonly policy: WebAuthnPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async registration(enrolment: Enrolment, sessionHash: Buffer): Promise<CeremonyStep> {
    const existing = await this.passkeys.credentialsOf(enrolment.legacyAccountId);
    const userHandle = (await this.passkeys.userHandleOf(enrolment.legacyAccountId)) ?? randomBytes(32);
    const options = await generateRegistrationOptions({
      rpName: this.policy.rpName,
      rpID: this.policy.rpId,
      userID: new Uint8Array(userHandle),
      // What the authenticator shows beside the passkey: the target account, never a contact.
      userName: enrolment.targetAccountId,
      userDisplayName: enrolment.targetAccountId,
      timeout: this.policy.challengeSeconds * 1000,
      attestationType: this.policy.attestation,
      excludeCredentials: existing.map((credential) => ({
        id: credential.id,
        transports: credential.transports,
      })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
      supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
    });
    await this.keep(sessionHash, 'registration', options.challenge);
    return { ceremony: 'registration', options };
  }

  /** The proving sign-in: only passkeys registered and not yet proven may answer it. */
  async proof(enrolment: Enrolment, sessionHash: Buffer): Promise<CeremonyStep> {
    const credentials = (await this.passkeys.credentialsOf(enrolment.legacyAccountId)).filter(
      (credential) => !credential.provenAt,
    );
    const options = await generateAuthenticationOptions({
      rpID: this.policy.rpId,
      allowCredentials: credentials.map((credential) => ({
        id: credential.id,
        transports: credential.transports as never,
      })),
      userVerification: 'required',
      timeout: this.policy.challengeSeconds * 1000,
    });
    await this.keep(sessionHash, 'authentication', options.challenge);
    return { ceremony: 'authentication', options };
  }

  private keep(sessionHash: Buffer, purpose: 'registration' | 'authentication', challenge: string) {
    const expiresAt = new Date(this.clock.now().getTime() + this.policy.challengeSeconds * 1000);
    return this.passkeys.saveChallenge(sessionHash, purpose, challenge, expiresAt);
  }
}
