import type { ProblemType } from '@rekey/problem-details';

/** How the HTTP edge answers the recovery codes' error codes. */
export const recoveryCodeProblemTypes = {
  'recovery-code.malformed': { status: 422, title: 'Recovery code malformed' },
  'recovery-code.not-accepted': { status: 422, title: 'Recovery code not accepted' },
} satisfies Record<string, ProblemType>;
