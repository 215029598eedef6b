import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { JourneyId, LegacyAccountId, WaveId } from '../vocabulary/ids';

export const ResetTokenExpiredV1 = defineEvent(
  'rekey.reset.token-expired.v1',
  'reset',
  z.object({
    legacyAccountId: LegacyAccountId,
    waveId: WaveId,
    journeyId: JourneyId,
    issuanceId: z.uuid(),
    expiredAt: z.iso.datetime(),
    willBeReissued: z.boolean().describe('Whether the wave policy sends a new link.'),
  }),
  {
    description: 'A reset link reached the end of its lifetime unspent.',
  },
);
export type ResetTokenExpiredV1 = EventData<typeof ResetTokenExpiredV1>;
