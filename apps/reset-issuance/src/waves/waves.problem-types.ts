import type { ProblemType } from '@rekey/problem-details';

/** How the HTTP edge answers the waves module's error codes. */
export const waveProblemTypes = {
  'wave.schedule-invalid': { status: 422, title: 'Wave schedule invalid' },
  'wave.cohort-invalid': { status: 422, title: 'Wave cohort invalid' },
  'wave.not-found': { status: 404, title: 'Wave not found' },
  'wave.campaign-not-found': { status: 404, title: 'Campaign not found' },
  'wave.not-planned': { status: 409, title: 'Wave not planned' },
  'wave.enrolment-policy-invalid': { status: 422, title: 'Wave enrolment policy invalid' },
} satisfies Record<string, ProblemType>;
