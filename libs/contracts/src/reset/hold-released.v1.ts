import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { EventActor, OperatorNote } from '../vocabulary/actor';
import { LegacyAccountId } from '../vocabulary/ids';

export const ResetHoldReleasedV1 = defineEvent(
  'rekey.reset.hold-released.v1',
  'reset',
  z.object({
    legacyAccountId: LegacyAccountId,
    holdId: z.uuid(),
    releasedBy: EventActor,
    note: OperatorNote.optional(),
  }),
  {
    description: "An operator released a hold on one account's reset.",
  },
);
export type ResetHoldReleasedV1 = EventData<typeof ResetHoldReleasedV1>;
