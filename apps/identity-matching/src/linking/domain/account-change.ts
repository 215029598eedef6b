import type { MatchResult, ReviewReason } from '../../matching';

/** What the database knows of one legacy account before a run stores its new result. */
export interface AccountState {
  /** Hash of the result the previous run stored; absent for an account never matched. */
  lastResultHash?: string;
  /** The verified link, from an earlier run or a reviewer. */
  link?: { targetId: string; created: boolean };
  /** The case in progress, if any. */
  activeReview?: ActiveReview;
  /** A reviewer excluded the account from the migration. */
  excluded: boolean;
}

export interface ActiveReview {
  id: string;
  status: 'open' | 'pending_approval';
  reasons: readonly ReviewReason[];
  candidateTargetIds: readonly string[];
}

export type ReviewKind = 'match' | 'link_disputed';

export type AccountAction =
  | { kind: 'none' }
  | { kind: 'link'; supersededReviewId?: string }
  | { kind: 'open_review'; reviewKind: ReviewKind; reasons: ReviewReason[]; candidateTargetIds: string[] }
  | { kind: 'update_review'; reviewId: string; reasons: ReviewReason[]; candidateTargetIds: string[] }
  | { kind: 'supersede_review'; reviewId: string };

export interface AccountChange {
  /** Store the new result (it differs from the stored one). */
  record: boolean;
  action: AccountAction;
}

const NOTHING: AccountChange = { record: false, action: { kind: 'none' } };

/**
 * What a run's result changes for one account. The rules, in order:
 * - an unchanged result changes nothing and emits nothing, so re-running is idempotent;
 * - a reviewer's exclusion stands: later results are recorded, never acted on;
 * - a verified link stands: a later result that points elsewhere (or nowhere) does not repoint or
 *   delete it. We chose to raise it as a `link_disputed` case instead, with the new result's
 *   reasons, so that a person decides and the reset waits (review-required) rather than either
 *   resetting on a link the data no longer supports or silently dropping the verified link;
 * - without a link, a linked result becomes a verified link (superseding a case still open, since
 *   the engine is now sure), a review result opens or refreshes a case, and a new account (no
 *   candidate) is only recorded: only a reviewer's "create new" links it;
 * - a resolution waiting for its second agent is never pre-empted by a run.
 */
export function planAccountChange(
  state: AccountState,
  result: MatchResult,
  resultHash: string,
): AccountChange {
  if (state.lastResultHash === resultHash) return NOTHING;
  const recordOnly: AccountChange = { record: true, action: { kind: 'none' } };
  if (state.excluded) return recordOnly;
  const review = state.activeReview;
  if (state.link) {
    if (agreesWithLink(state.link, result)) return recordOnly;
    const candidates = unique([
      ...(state.link.created ? [] : [state.link.targetId]),
      ...(result.targetId === undefined ? [] : [result.targetId]),
    ]);
    return { record: true, action: wantReview(review, 'link_disputed', disputeReasons(result), candidates) };
  }
  switch (result.outcome) {
    case 'linked':
      if (review?.status === 'pending_approval') return recordOnly;
      return {
        record: true,
        action: { kind: 'link', ...(review ? { supersededReviewId: review.id } : {}) },
      };
    case 'review':
      return {
        record: true,
        action: wantReview(review, 'match', result.reviewReasons, candidatesOf(result)),
      };
    case 'new':
      return review?.status === 'open'
        ? { record: true, action: { kind: 'supersede_review', reviewId: review.id } }
        : recordOnly;
  }
}

function agreesWithLink(link: NonNullable<AccountState['link']>, result: MatchResult): boolean {
  // A target created for the customer has no record to match yet: only a new candidate disputes it.
  return link.created ? result.targetId === undefined : result.targetId === link.targetId;
}

/** The new result's own reasons, or why a confident result elsewhere (or nowhere) is in doubt. */
function disputeReasons(result: MatchResult): ReviewReason[] {
  if (result.reviewReasons.length > 0) return [...result.reviewReasons];
  return [result.targetId === undefined ? 'contradicting_attributes' : 'several_targets'];
}

function wantReview(
  review: ActiveReview | undefined,
  reviewKind: ReviewKind,
  reasons: ReviewReason[],
  candidateTargetIds: string[],
): AccountAction {
  if (!review) return { kind: 'open_review', reviewKind, reasons, candidateTargetIds };
  if (review.status === 'pending_approval') return { kind: 'none' };
  if (sameSet(review.reasons, reasons) && sameSet(review.candidateTargetIds, candidateTargetIds))
    return { kind: 'none' };
  return { kind: 'update_review', reviewId: review.id, reasons, candidateTargetIds };
}

function candidatesOf(result: MatchResult): string[] {
  return result.targetId === undefined ? [] : [result.targetId];
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function sameSet<T>(left: readonly T[], right: readonly T[]): boolean {
  if (left.length !== right.length) return false;
  const set = new Set(left);
  return right.every((value) => set.has(value));
}
