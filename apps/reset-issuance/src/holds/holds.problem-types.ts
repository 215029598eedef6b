import type { ProblemType } from '@rekey/problem-details';

/** How the HTTP edge answers the holds module's error codes. */
export const holdProblemTypes = {
  'hold.unknown-account': { status: 404, title: 'Unknown account' },
  'hold.already-active': { status: 409, title: 'Hold already active' },
  'hold.not-found': { status: 404, title: 'No active hold' },
} satisfies Record<string, ProblemType>;
