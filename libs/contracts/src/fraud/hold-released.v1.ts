import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { EventActor, OperatorNote } from '../vocabulary/actor';
import { LegacyAccountId } from '../vocabulary/ids';

export const FraudHoldReleasedV1 = defineEvent(
  'rekey.fraud.hold-released.v1',
  'fraud',
  z.object({
    holdId: z.uuid(),
    legacyAccountId: LegacyAccountId,
    releasedBy: EventActor,
    note: OperatorNote.optional(),
  }),
  {
    description: 'Security released a fraud hold; the account resumes where it stopped.',
  },
);
export type FraudHoldReleasedV1 = EventData<typeof FraudHoldReleasedV1>;
