import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { Band } from '../vocabulary/band';
import { LegacyAccountId, TargetAccountId } from '../vocabulary/ids';
import { Segment } from '../vocabulary/segment';

/** Why a legacy account waits for a person instead of being linked. */
export const ReviewReasons = [
  'shared_contact',
  'conflicting_verified_contacts',
  'several_targets',
  'contradicting_attributes',
  'duplicate_legacy_accounts',
  'medium_band',
  'low_band',
  'unverified_contacts_only',
] as const;
export const ReviewReason = z.enum(ReviewReasons);
export type ReviewReason = z.infer<typeof ReviewReason>;

export const IdentityReviewRequiredV1 = defineEvent(
  'rekey.identity.review-required.v1',
  'identity',
  z.object({
    legacyAccountId: LegacyAccountId,
    reviewId: z.uuid(),
    reasons: z.array(ReviewReason).min(1),
    candidateTargetAccountIds: z.array(TargetAccountId).max(20),
    segment: Segment,
    segments: z.array(Segment).min(1),
    band: Band.optional().describe('Confidence band of the best candidate, when there is one.'),
  }),
  {
    description:
      'A legacy account could not be linked with confidence and waits in the manual-review queue; it is not reset until a reviewer resolves it.',
  },
);
export type IdentityReviewRequiredV1 = EventData<typeof IdentityReviewRequiredV1>;
