import type { RekeyEvent } from '@rekey/contracts';
import type { MatchResult, ReviewReason } from '../matching';
import type { AccountState, ReviewKind } from './domain/account-change';

export const ACCOUNT_MATCH_STORE = Symbol('AccountMatchStore');

export interface StoredResult {
  result: MatchResult;
  hash: string;
}

export interface ReviewDraft {
  reviewId: string;
  result: MatchResult;
  reasons: ReviewReason[];
  candidateTargetIds: string[];
  event: RekeyEvent;
}

/** One batch of a run's decisions; each written row brings its event into the same transaction. */
export interface AccountBatch {
  runId: string;
  at: Date;
  /** Results that differ from the stored ones. */
  results: StoredResult[];
  /** Each link with its events: linked, and its contacts for reset-issuance. */
  links: Array<{ result: MatchResult & { targetId: string }; events: RekeyEvent[] }>;
  openedReviews: Array<ReviewDraft & { kind: ReviewKind }>;
  updatedReviews: ReviewDraft[];
  supersededReviewIds: string[];
}

export interface BatchOutcome {
  linksCreated: number;
  reviewsOpened: number;
  eventsEmitted: number;
}

/** The per-account tables a run reads and writes: account_match, identity_link, review_item. */
export interface AccountMatchStore {
  /** What is known of these accounts; an account absent from the map is unknown so far. */
  statesOf(legacyIds: readonly string[]): Promise<Map<string, AccountState>>;
  /**
   * Writes the batch and the events of the rows actually written, in one transaction. A row a
   * reviewer wrote in between (a link, a case) wins, and its draft's event is dropped.
   */
  apply(batch: AccountBatch): Promise<BatchOutcome>;
}
