import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { EventActor, OperatorNote } from '../vocabulary/actor';
import { JourneyId, LegacyAccountId } from '../vocabulary/ids';

export const FraudHoldPlacedV1 = defineEvent(
  'rekey.fraud.hold-placed.v1',
  'fraud',
  z.object({
    holdId: z.uuid(),
    legacyAccountId: LegacyAccountId,
    journeyId: JourneyId.optional(),
    signalIds: z.array(z.uuid()).max(100).describe('The signals that led to the hold.'),
    placedBy: EventActor.optional().describe(
      'The security analyst; absent when fraud monitoring placed it on its own.',
    ),
    note: OperatorNote.optional(),
  }),
  {
    description:
      'The account is on fraud hold: its reset stops and its sessions are suspended until security releases it.',
  },
);
export type FraudHoldPlacedV1 = EventData<typeof FraudHoldPlacedV1>;
