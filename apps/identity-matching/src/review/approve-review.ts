import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import type { EventActor } from '@rekey/contracts';
import { approveReview, type ReviewItem } from './domain/review-item';
import { reviewChangeOf } from './review-change';
import { REVIEW_STORE, type ReviewStore } from './review-store.port';

export interface ApproveReviewCommand {
  reviewId: string;
  actor: EventActor;
}

/** The second agent's approval of a privileged account's resolution (dual control). */
@Injectable()
export class ApproveReview {
  constructor(
    @Inject(REVIEW_STORE) private readonly reviews: ReviewStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(command: ApproveReviewCommand): Promise<ReviewItem> {
    return this.reviews.change(command.reviewId, (item) => {
      const now = this.clock.now();
      return reviewChangeOf(approveReview(item, command.actor, now), now);
    });
  }
}
