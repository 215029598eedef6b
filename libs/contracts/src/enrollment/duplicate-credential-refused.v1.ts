import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { LegacyAccountId } from '../vocabulary/ids';
import { EnrolmentJourney } from './enrollment-facts';

export const EnrollmentDuplicateCredentialRefusedV1 = defineEvent(
  'rekey.enrollment.duplicate-credential-refused.v1',
  'enrollment',
  z.object({
    ...EnrolmentJourney,
    boundToLegacyAccountId: LegacyAccountId.describe('The account the passkey is already bound to.'),
  }),
  {
    description:
      "A fraud signal for fraud monitoring: a customer tried to register a passkey already bound to another account (one authenticator on several accounts). The registration was refused; the passkey's id is not published.",
  },
);
export type EnrollmentDuplicateCredentialRefusedV1 = EventData<typeof EnrollmentDuplicateCredentialRefusedV1>;
