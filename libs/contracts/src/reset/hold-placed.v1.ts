import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { EventActor, OperatorNote } from '../vocabulary/actor';
import { JourneyId, LegacyAccountId, WaveId } from '../vocabulary/ids';

export const ResetHoldPlacedV1 = defineEvent(
  'rekey.reset.hold-placed.v1',
  'reset',
  z.object({
    legacyAccountId: LegacyAccountId,
    holdId: z.uuid(),
    waveId: WaveId.optional(),
    journeyId: JourneyId.optional(),
    reason: OperatorNote,
    placedBy: EventActor,
    deliberate: z
      .literal(true)
      .optional()
      .describe('Present when the operator held, on purpose, an account id that no linked directory holds.'),
  }),
  {
    description:
      "An operator paused one account's reset: no link is issued or redeemed until the hold is released.",
  },
);
export type ResetHoldPlacedV1 = EventData<typeof ResetHoldPlacedV1>;
