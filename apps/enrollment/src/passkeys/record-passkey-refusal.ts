import type { Enrolment } from '../enrolments/domain/enrolment';
import { enrolmentFailed } from '../enrolments/domain/enrolment-events';
import type { EnrolmentEvents } from '../enrolments/enrolment-events.port';
import { PasskeyRefused } from './domain/passkey.errors';

const reasons = {
  challenge: 'challenge_expired',
  held: 'held',
  verification: 'webauthn_verification',
} as const;

/** Publishes the refusal's class (fraud monitoring counts them) and returns the error to throw. */
export async function recordPasskeyRefusal(
  events: EnrolmentEvents,
  enrolment: Enrolment,
  refusal: keyof typeof reasons,
  now: Date,
): Promise<PasskeyRefused> {
  await events.record([enrolmentFailed(enrolment, reasons[refusal], now, 'passkey')]);
  return new PasskeyRefused(refusal);
}
