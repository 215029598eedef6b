import { createEvent, IdentityReviewResolvedV1, type RekeyEvent } from '@rekey/contracts';
import { linkEventsOf } from '../linking/domain/link-events';
import type { ReviewChange } from './review-store.port';
import { reviewLinkData, reviewResolvedData } from './domain/review-event-data';
import { settlementOf, type ReviewItem } from './domain/review-item';

const SOURCE = 'identity-matching';

/**
 * The change a resolution or an approval makes: nothing is announced until the case is finally
 * resolved (a privileged one waits for its second agent); then review-resolved, and the link's events
 * (linked, and the contacts for reset-issuance) for a link or a new account, since only then is
 * the link verified.
 */
export function reviewChangeOf(item: ReviewItem, now: Date): ReviewChange {
  const settlement = settlementOf(item);
  const resolution = item.resolution;
  if (!settlement || !resolution) return { item, events: [] };
  const context = { source: SOURCE, subject: item.legacyAccountId };
  const resolved = createEvent(
    IdentityReviewResolvedV1,
    reviewResolvedData(item, resolution),
    context,
    () => now,
  );
  const events: RekeyEvent[] = [resolved];
  if (settlement.kind === 'link') {
    events.push(
      ...linkEventsOf(
        reviewLinkData(item, resolution),
        { ...context, causationId: resolved.id, correlationId: resolved.correlationId },
        now,
      ),
    );
  }
  return { item, events, settlement };
}
