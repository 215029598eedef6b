import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { Band } from '../vocabulary/band';
import { LegacyAccountId, TargetAccountId } from '../vocabulary/ids';
import { Segment } from '../vocabulary/segment';

export const ReviewReasons = ['uncertain_match', 'shared_contact', 'duplicate', 'conflict'] as const;

export const IdentityReviewRequiredV1 = defineEvent(
  'rekey.identity.review-required.v1',
  'identity',
  z.object({
    legacyAccountId: LegacyAccountId,
    reviewId: z.uuid(),
    reasons: z.array(z.enum(ReviewReasons)).min(1),
    candidateTargetAccountIds: z.array(TargetAccountId).max(20),
    segment: Segment,
    band: Band.optional().describe('Confidence band of the best candidate, when there is one.'),
  }),
  {
    description:
      'A legacy account could not be linked with confidence and waits in the manual-review queue; it is not reset until a reviewer resolves it.',
  },
);
export type IdentityReviewRequiredV1 = EventData<typeof IdentityReviewRequiredV1>;
