import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { AssuranceLevel } from '../vocabulary/assurance';
import { JourneyId, LegacyAccountId, TargetAccountId, WaveId } from '../vocabulary/ids';

export const EnrollmentMethods = ['passkey', 'totp', 'password', 'recovery_codes'] as const;

export const EnrollmentCompletedV1 = defineEvent(
  'rekey.enrollment.completed.v1',
  'enrollment',
  z.object({
    legacyAccountId: LegacyAccountId,
    targetAccountId: TargetAccountId,
    waveId: WaveId,
    journeyId: JourneyId,
    methods: z
      .array(z.enum(EnrollmentMethods))
      .min(1)
      .describe('The kinds of credential enrolled (never the credentials).'),
    assuranceLevel: AssuranceLevel,
  }),
  {
    description:
      'The customer enrolled new credentials on the target account and proved they work: the legacy login may now be retired.',
  },
);
export type EnrollmentCompletedV1 = EventData<typeof EnrollmentCompletedV1>;
