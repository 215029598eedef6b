import {
  createEvent,
  EnrollmentFailedV1,
  type EnrollmentFailureReasons,
  type RekeyEvent,
} from '@rekey/contracts';
import type { EnrolledMethod, Enrolment } from './enrolment';

export const ENROLLMENT_SOURCE = 'enrollment';

export function journeyOf(
  enrolment: Pick<Enrolment, 'legacyAccountId' | 'targetAccountId' | 'waveId' | 'journeyId'>,
) {
  return {
    legacyAccountId: enrolment.legacyAccountId,
    targetAccountId: enrolment.targetAccountId,
    waveId: enrolment.waveId,
    journeyId: enrolment.journeyId,
  };
}

export function eventContextOf(enrolment: Pick<Enrolment, 'legacyAccountId' | 'journeyId'>) {
  return { source: ENROLLMENT_SOURCE, subject: enrolment.legacyAccountId, journeyId: enrolment.journeyId };
}

/** A refused step, as a class of reason: never the input that was refused. */
export function enrolmentFailed(
  enrolment: Pick<Enrolment, 'legacyAccountId' | 'targetAccountId' | 'waveId' | 'journeyId'>,
  reason: (typeof EnrollmentFailureReasons)[number],
  now: Date,
  method?: EnrolledMethod,
): RekeyEvent {
  return createEvent(
    EnrollmentFailedV1,
    { ...journeyOf(enrolment), reason, ...(method ? { method } : {}) },
    eventContextOf(enrolment),
    () => now,
  );
}
