import type { ProblemType } from '@rekey/problem-details';

export const revocationProblemTypes = {
  'revocation.not-found': { status: 404, title: 'No revocation' },
} satisfies Record<string, ProblemType>;
