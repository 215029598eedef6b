import { Inject, Injectable } from '@nestjs/common';
import type { ReviewItem } from './domain/review-item';
import { ReviewNotFound } from './domain/review.errors';
import { REVIEW_STORE, type ReviewFilter, type ReviewStore } from './review-store.port';

export interface ReviewPage {
  items: ReviewItem[];
  /** Pass as `after` for the next page; absent on the last one. */
  next?: string;
}

@Injectable()
export class ReviewQueries {
  constructor(@Inject(REVIEW_STORE) private readonly reviews: ReviewStore) {}

  async list(filter: ReviewFilter): Promise<ReviewPage> {
    // One more than asked tells whether another page follows without counting the queue.
    const rows = await this.reviews.list({ ...filter, limit: filter.limit + 1 });
    const items = rows.slice(0, filter.limit);
    const last = items[items.length - 1];
    return rows.length > filter.limit && last ? { items, next: last.id } : { items };
  }

  async get(reviewId: string): Promise<ReviewItem> {
    const item = await this.reviews.find(reviewId);
    if (!item) throw new ReviewNotFound(reviewId);
    return item;
  }
}
