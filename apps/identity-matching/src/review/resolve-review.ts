import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import type { EventActor } from '@rekey/contracts';
import { resolveReview, type ReviewDecision, type ReviewItem } from './domain/review-item';
import { ReviewNotFound } from './domain/review.errors';
import { reviewChangeOf } from './review-change';
import { REVIEW_STORE, type ReviewStore } from './review-store.port';

export interface ResolveReviewCommand {
  reviewId: string;
  decision: ReviewDecision;
  targetAccountId?: string;
  note: string;
  actor: EventActor;
}

@Injectable()
export class ResolveReview {
  constructor(
    @Inject(REVIEW_STORE) private readonly reviews: ReviewStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: ResolveReviewCommand): Promise<ReviewItem> {
    const current = await this.reviews.find(command.reviewId);
    if (!current) throw new ReviewNotFound(command.reviewId);
    const target = command.targetAccountId;
    // Looked up before the transaction: the target directory changes only by import.
    const isExistingTarget =
      command.decision === 'link' &&
      target !== undefined &&
      !current.candidateTargetIds.includes(target) &&
      (await this.reviews.isTargetAccount(target));
    // A new account gets its id now, so that the approval (if any) links the same one.
    const targetAccountId = command.decision === 'create_new' ? this.clock.newId() : target;
    return this.reviews.change(command.reviewId, (item) => {
      const now = this.clock.now();
      const request = {
        decision: command.decision,
        note: command.note,
        actor: command.actor,
        ...(targetAccountId === undefined ? {} : { targetAccountId }),
      };
      return reviewChangeOf(resolveReview(item, request, now, isExistingTarget), now);
    });
  }
}
