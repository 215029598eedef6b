import type { ProblemType } from '@rekey/problem-details';

/** How the HTTP edge answers the error codes of match runs and of their configuration. */
export const linkingProblemTypes = {
  'match-run.already-running': { status: 409, title: 'Match run already running' },
  'match-run.not-found': { status: 404, title: 'Match run not found' },
  // Thrown by the matching rules a run is configured with.
  'matching.invalid-config': { status: 400, title: 'Invalid matching configuration' },
} satisfies Record<string, ProblemType>;
