import { z } from 'zod';
import { JourneyId, LegacyAccountId, TargetAccountId, WaveId } from '../vocabulary/ids';

/** The kinds of credential a customer can enrol (never the credentials themselves). */
export const EnrollmentMethods = ['passkey', 'totp', 'password', 'recovery_codes'] as const;
export const EnrollmentMethod = z.enum(EnrollmentMethods);

/** Which journey an enrolment event is about. */
export const EnrolmentJourney = {
  legacyAccountId: LegacyAccountId,
  targetAccountId: TargetAccountId,
  waveId: WaveId,
  journeyId: JourneyId,
};
