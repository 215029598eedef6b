import type { ProblemType } from '@rekey/problem-details';

/** How the HTTP edge answers the review module's error codes. */
export const reviewProblemTypes = {
  'review.not-found': { status: 404, title: 'Review case not found' },
  'review.already-resolved': { status: 409, title: 'Review case already resolved' },
  'review.not-awaiting-approval': { status: 409, title: 'Review case awaits no approval' },
  'review.self-approval': { status: 403, title: 'Self-approval refused' },
  'review.target-not-candidate': { status: 422, title: 'Unknown link target' },
} satisfies Record<string, ProblemType>;
