import { defineEvent, type EventData } from '../define-event';
import { AssuranceLevel } from '../vocabulary/assurance';
import { z } from 'zod';
import { EnrolmentJourney } from './enrollment-facts';

export const EnrollmentStartedV1 = defineEvent(
  'rekey.enrollment.started.v1',
  'enrollment',
  z.object({
    ...EnrolmentJourney,
    minimumAssurance: AssuranceLevel.describe('The lowest assurance level the customer may finish on.'),
  }),
  {
    description:
      'The customer exchanged an enrollment grant and opened the enrolment pages. Published once per journey, however often its pages are reopened.',
  },
);
export type EnrollmentStartedV1 = EventData<typeof EnrollmentStartedV1>;
