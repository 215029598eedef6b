import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { AssuranceLevel } from '../vocabulary/assurance';
import { EnrollmentMethod, EnrolmentJourney } from './enrollment-facts';

export const EnrollmentCompletedV1 = defineEvent(
  'rekey.enrollment.completed.v1',
  'enrollment',
  z.object({
    ...EnrolmentJourney,
    methods: z
      .array(EnrollmentMethod)
      .min(1)
      .describe('The kinds of credential enrolled (never the credentials).'),
    assuranceLevel: AssuranceLevel,
    phishingResistant: z
      .boolean()
      .optional()
      .describe('True when a credential enrolled is phishing-resistant (a passkey bound to the origin).'),
  }),
  {
    description:
      'The customer enrolled new credentials on the target account and proved they work: the legacy login may now be retired.',
  },
);
export type EnrollmentCompletedV1 = EventData<typeof EnrollmentCompletedV1>;
