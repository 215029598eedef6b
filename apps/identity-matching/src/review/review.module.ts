import { Module } from '@nestjs/common';
import { CLOCK, timeOrderedClock } from '@rekey/background';
import { registerProblemTypes } from '@rekey/problem-details';
import { PgReviewStore } from './adapters/pg-review-store.adapter';
import { ApproveReview } from './approve-review';
import { ResolveReview } from './resolve-review';
import { ReviewQueries } from './review-queries';
import { REVIEW_STORE } from './review-store.port';
import { ReviewsController } from './reviews.controller';
import { reviewProblemTypes } from './review.problem-types';

registerProblemTypes(reviewProblemTypes);

/** The manual-review queue: reviewers' decisions, dual control, and the links they make. */
@Module({
  controllers: [ReviewsController],
  providers: [
    ResolveReview,
    ApproveReview,
    ReviewQueries,
    { provide: REVIEW_STORE, useClass: PgReviewStore },
    { provide: CLOCK, useValue: timeOrderedClock },
  ],
  exports: [ResolveReview, ApproveReview, ReviewQueries],
})
export class ReviewModule {}
