import { RekeyError } from '@rekey/problem-details';

export class ReviewNotFound extends RekeyError {
  constructor(reviewId: string) {
    super('review.not-found', `review ${reviewId} not found`, { detail: 'There is no such review case.' });
  }
}

export class ReviewAlreadyResolved extends RekeyError {
  constructor(reviewId: string, status: string) {
    super('review.already-resolved', `review ${reviewId} is ${status}, not open`, {
      detail:
        status === 'pending_approval'
          ? 'This case is already resolved and waits for a second reviewer to approve it.'
          : `This case is no longer open (${status}); it cannot be resolved again.`,
    });
  }
}

export class ReviewNotAwaitingApproval extends RekeyError {
  constructor(reviewId: string) {
    super('review.not-awaiting-approval', `review ${reviewId} awaits no approval`, {
      detail: 'Only a resolution of a privileged account waits for approval; this case does not.',
    });
  }
}

export class SelfApprovalRefused extends RekeyError {
  constructor(reviewId: string) {
    super('review.self-approval', `the resolver of review ${reviewId} tried to approve it`, {
      detail: 'A privileged account needs a second reviewer: you cannot approve your own resolution.',
    });
  }
}

export class ReviewTargetNotCandidate extends RekeyError {
  constructor(reviewId: string) {
    super('review.target-not-candidate', `link target for review ${reviewId} is unknown`, {
      detail: 'targetAccountId must be one of the case candidates or an account of the target directory.',
    });
  }
}
