import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { JourneyId, LegacyAccountId, WaveId } from '../vocabulary/ids';
import { MaskedContact } from '../vocabulary/masked-contact';

export const ResetNoticeSentV1 = defineEvent(
  'rekey.reset.notice-sent.v1',
  'reset',
  z.object({
    legacyAccountId: LegacyAccountId,
    waveId: WaveId,
    journeyId: JourneyId,
    noticeId: z.uuid(),
    kind: z.enum(['advance_notice', 'reminder']),
    channel: MaskedContact,
  }),
  {
    description: 'An advance notice or a reminder about the coming reset was sent to the customer.',
  },
);
export type ResetNoticeSentV1 = EventData<typeof ResetNoticeSentV1>;
