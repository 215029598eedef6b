import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import { createEvent, EnrollmentDuplicateCredentialRefusedV1 } from '@rekey/contracts';
import { enrolmentFailed, eventContextOf, journeyOf } from '../enrolments/domain/enrolment-events';
import { ENROLMENT_EVENTS, type EnrolmentEvents } from '../enrolments/enrolment-events.port';
import { HOLD_STORE, type HoldStore } from '../holds/hold-store.port';
import type { SessionWithEnrolment } from '../sessions/enrolment-session-store.port';
import { PasskeyRefused } from './domain/passkey.errors';
import { recordPasskeyRefusal } from './record-passkey-refusal';
import type { WebAuthnPolicy } from './domain/webauthn-policy';
import { registrationResponseOf } from './domain/webauthn-response';
import { PasskeyOptions, type CeremonyStep } from './passkey-options';
import { verifyPasskeyRegistration } from './verify-passkey-registration';
import { PASSKEY_STORE, type PasskeyStore } from './passkey-store.port';
import { WEBAUTHN_POLICY } from './webauthn-policy.provider';
import { randomBytes } from 'node:crypto';

/**
 * Verifies a registration against the session's challenge (spent whatever the outcome), stores
 * the passkey, and answers the proving sign-in's options: the passkey counts only once used.
 */
@Injectable()
export class FinishPasskeyRegistration {
  constructor(
    @Inject(PASSKEY_STORE) private readonly passkeys: PasskeyStore,
    @Inject(HOLD_STORE) private readonly holds: HoldStore,
    @Inject(ENROLMENT_EVENTS) private readonly events: EnrolmentEvents,
    @Inject(WEBAUTHN_POLICY) private readonly policy: WebAuthnPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly options: PasskeyOptions,
  ) {}

  async execute({ session, enrolment }: SessionWithEnrolment, body: unknown): Promise<CeremonyStep> {
    const response = registrationResponseOf(body);
    if (!response) throw new PasskeyRefused('malformed');
    const now = this.clock.now();
    const challenge = await this.passkeys.takeChallenge(session.hash, 'registration', now);
    if (!challenge) throw await recordPasskeyRefusal(this.events, enrolment, 'challenge', now);
    if (await this.holds.isHeld(enrolment.legacyAccountId))
      throw await recordPasskeyRefusal(this.events, enrolment, 'held', now);

    const verified = await verifyPasskeyRegistration(response, challenge, this.policy);
    if (!verified) throw await recordPasskeyRefusal(this.events, enrolment, 'verification', now);

    const userHandle = (await this.passkeys.userHandleOf(enrolment.legacyAccountId)) ?? randomBytes(32);
    const result = await this.passkeys.register(enrolment, {
      ...verified,
      legacyAccountId: enrolment.legacyAccountId,
      userHandle,
      createdAt: now,
    });
    if (result.kind === 'bound_elsewhere') {
      await this.events.record([
        createEvent(
          EnrollmentDuplicateCredentialRefusedV1,
          { ...journeyOf(enrolment), boundToLegacyAccountId: result.legacyAccountId },
          eventContextOf(enrolment),
          () => now,
        ),
        enrolmentFailed(enrolment, 'duplicate_credential', now, 'passkey'),
      ]);
      throw new PasskeyRefused('duplicate');
    }
    return this.options.proof({ ...enrolment, status: 'credential_registered' }, session.hash);
  }
}
