import type { RekeyEvent } from '@rekey/contracts';
import type { MatchBand, ReviewReason, Segment } from '../matching';
import type { ReviewItem, ReviewStatus, Settlement } from './domain/review-item';

export const REVIEW_STORE = Symbol('ReviewStore');

export interface ReviewFilter {
  status: ReviewStatus;
  reason?: ReviewReason;
  segment?: Segment;
  band?: MatchBand;
  /** Keyset cursor: the last id of the previous page. */
  after?: string;
  limit: number;
}

export interface ReviewChange {
  item: ReviewItem;
  events: RekeyEvent[];
  /** Set when the case is finally resolved: the link or exclusion it makes. */
  settlement?: Settlement;
}

/** The review queue; a change, what it settles and its events commit together. */
export interface ReviewStore {
  find(reviewId: string): Promise<ReviewItem | undefined>;
  /** Oldest first, by id. */
  list(filter: ReviewFilter): Promise<ReviewItem[]>;
  isTargetAccount(targetAccountId: string): Promise<boolean>;
  /** Runs `change` on the case under a row lock, then stores its result, settlement and events. */
  change(reviewId: string, change: (item: ReviewItem) => ReviewChange): Promise<ReviewItem>;
}
