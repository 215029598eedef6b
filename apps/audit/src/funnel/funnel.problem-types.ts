import type { ProblemType } from '@rekey/problem-details';

/** How the HTTP edge answers the funnel's error codes. */
export const funnelProblemTypes = {
  'funnel.wave-unknown': { status: 404, title: 'Wave unknown' },
} satisfies Record<string, ProblemType>;
