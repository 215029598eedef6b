import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import { createEvent, EnrollmentCompletedV1 } from '@rekey/contracts';
import { eventContextOf, journeyOf } from '../enrolments/domain/enrolment-events';
import { ENROLMENT_EVENTS, type EnrolmentEvents } from '../enrolments/enrolment-events.port';
import { HOLD_STORE, type HoldStore } from '../holds/hold-store.port';
import type { SessionWithEnrolment } from '../sessions/enrolment-session-store.port';
import { PasskeyRefused } from './domain/passkey.errors';
import { recordPasskeyRefusal } from './record-passkey-refusal';
import type { WebAuthnPolicy } from './domain/webauthn-policy';
import { authenticationResponseOf } from './domain/webauthn-response';
import { PASSKEY_STORE, type PasskeyStore } from './passkey-store.port';
import { verifyPasskeyAssertion } from './verify-passkey-assertion';
import { WEBAUTHN_POLICY } from './webauthn-policy.provider';

/**
 * The proving sign-in: an assertion by the passkey just registered, against the session's
 * challenge, with user verification and a counter that moved forward. The first one finishes the
 * enrolment and publishes its completion in the same transaction.
 */
@Injectable()
export class FinishPasskeyProof {
  constructor(
    @Inject(PASSKEY_STORE) private readonly passkeys: PasskeyStore,
    @Inject(HOLD_STORE) private readonly holds: HoldStore,
    @Inject(ENROLMENT_EVENTS) private readonly events: EnrolmentEvents,
    @Inject(WEBAUTHN_POLICY) private readonly policy: WebAuthnPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ session, enrolment }: SessionWithEnrolment, body: unknown): Promise<{ location: string }> {
    const response = authenticationResponseOf(body);
    if (!response) throw new PasskeyRefused('malformed');
    const now = this.clock.now();
    const challenge = await this.passkeys.takeChallenge(session.hash, 'authentication', now);
    if (!challenge) throw await recordPasskeyRefusal(this.events, enrolment, 'challenge', now);
    const credential = await this.passkeys.find(response.id);
    if (!credential || credential.legacyAccountId !== enrolment.legacyAccountId || credential.provenAt) {
      throw await recordPasskeyRefusal(this.events, enrolment, 'verification', now);
    }
    if (await this.holds.isHeld(enrolment.legacyAccountId))
      throw await recordPasskeyRefusal(this.events, enrolment, 'held', now);

    const newCounter = await verifyPasskeyAssertion(response, challenge, credential, this.policy);
    if (newCounter === undefined)
      throw await recordPasskeyRefusal(this.events, enrolment, 'verification', now);

    const completed = createEvent(
      EnrollmentCompletedV1,
      { ...journeyOf(enrolment), methods: ['passkey'], assuranceLevel: 'aal2', phishingResistant: true },
      eventContextOf(enrolment),
      () => now,
    );
    const counted = await this.passkeys.prove(
      enrolment,
      { credentialId: credential.id, newCounter, usedAt: now },
      [completed],
    );
    if (!counted) throw await recordPasskeyRefusal(this.events, enrolment, 'verification', now);
    // Recovery codes next, then the done page.
    return { location: '/enroll/recovery-codes' };
  }
}
