import type { ProblemType } from '@rekey/problem-details';

/** How the HTTP edge answers the error codes of the match results listing. */
export const resultsProblemTypes = {
  'match-results.no-run': { status: 404, title: 'No match run yet' },
  'match-results.run-unknown': { status: 404, title: 'Match run not found' },
  'match-results.run-in-progress': { status: 409, title: 'Match run in progress' },
  'match-results.run-superseded': { status: 409, title: 'Match results superseded' },
} satisfies Record<string, ProblemType>;
