import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { EventActor, OperatorNote } from '../vocabulary/actor';
import { Band } from '../vocabulary/band';
import { LegacyAccountId, TargetAccountId } from '../vocabulary/ids';
import { Segment } from '../vocabulary/segment';

export const IdentityReviewResolvedV1 = defineEvent(
  'rekey.identity.review-resolved.v1',
  'identity',
  z.object({
    legacyAccountId: LegacyAccountId,
    reviewId: z.uuid(),
    decision: z.enum(['linked_existing', 'linked_new', 'excluded']),
    targetAccountId: TargetAccountId.optional().describe('The linked target account; absent when excluded.'),
    segment: Segment,
    band: Band.optional().describe('Band of the candidate the case was raised with, when there was one.'),
    note: OperatorNote.describe("The reviewer's reason."),
    resolvedBy: EventActor,
    approvedBy: EventActor.optional().describe('The second agent, for privileged accounts (dual control).'),
  }),
  {
    description:
      'A reviewer resolved a manual-review case: linked to an existing or a new target account, or excluded from the reset.',
  },
);
export type IdentityReviewResolvedV1 = EventData<typeof IdentityReviewResolvedV1>;
