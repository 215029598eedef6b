import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { AssuranceLevel } from '../vocabulary/assurance';
import { LegacyAccountId, TargetAccountId } from '../vocabulary/ids';
import { EnrollmentMethod } from './enrollment-facts';

export const EnrollmentCredentialAddedV1 = defineEvent(
  'rekey.enrollment.credential-added.v1',
  'enrollment',
  z.object({
    legacyAccountId: LegacyAccountId,
    targetAccountId: TargetAccountId,
    method: EnrollmentMethod,
    assuranceLevel: AssuranceLevel.describe("The account's assurance level with the new credential."),
    phishingResistant: z.boolean(),
  }),
  {
    description:
      'A migrated customer added a sign-in method after enrolment (for example a passkey replacing a bridging password).',
  },
);
export type EnrollmentCredentialAddedV1 = EventData<typeof EnrollmentCredentialAddedV1>;
