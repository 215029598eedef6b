import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { ClientOrigin } from '../vocabulary/client';
import { JourneyId, LegacyAccountId, WaveId } from '../vocabulary/ids';

export const ResetTokenRedeemedV1 = defineEvent(
  'rekey.reset.token-redeemed.v1',
  'reset',
  z.object({
    legacyAccountId: LegacyAccountId,
    waveId: WaveId,
    journeyId: JourneyId,
    issuanceId: z.uuid(),
    client: ClientOrigin,
    next: z.enum(['enrollment', 'step_up']).describe('Where the customer goes from here.'),
  }),
  {
    description: 'The customer spent a reset link (an explicit POST from the link page, never a prefetch).',
  },
);
export type ResetTokenRedeemedV1 = EventData<typeof ResetTokenRedeemedV1>;
