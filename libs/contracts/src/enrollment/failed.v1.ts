import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { EnrollmentMethod, EnrolmentJourney } from './enrollment-facts';

/** Why an enrolment step was refused, as a class: never the input that was refused. */
export const EnrollmentFailureReasons = [
  'held',
  'webauthn_verification',
  'challenge_expired',
  'duplicate_credential',
  'totp_invalid',
  'password_rejected',
] as const;

export const EnrollmentFailedV1 = defineEvent(
  'rekey.enrollment.failed.v1',
  'enrollment',
  z.object({
    ...EnrolmentJourney,
    reason: z.enum(EnrollmentFailureReasons),
    method: EnrollmentMethod.optional().describe(
      'The method the customer was enrolling, when there was one.',
    ),
  }),
  {
    description:
      'An enrolment step was refused (the customer may try again): a held account, a WebAuthn response that did not verify or whose challenge had expired, a credential bound to another account, a wrong one-time code, a refused password.',
  },
);
export type EnrollmentFailedV1 = EventData<typeof EnrollmentFailedV1>;
