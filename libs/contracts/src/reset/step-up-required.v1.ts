import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { JourneyId, LegacyAccountId, WaveId } from '../vocabulary/ids';
import { MaskedContact } from '../vocabulary/masked-contact';
import { StepUpMethod, StepUpReasons } from './step-up';

export const ResetStepUpRequiredV1 = defineEvent(
  'rekey.reset.step-up-required.v1',
  'reset',
  z.object({
    legacyAccountId: LegacyAccountId,
    waveId: WaveId,
    journeyId: JourneyId,
    reasons: z.array(z.enum(StepUpReasons)).min(1),
    method: StepUpMethod,
    channel: MaskedContact.optional().describe(
      'Where the one-time passcode went; never the reset link channel.',
    ),
  }),
  {
    description: 'After redemption, the customer must prove control again before enrolling.',
  },
);
export type ResetStepUpRequiredV1 = EventData<typeof ResetStepUpRequiredV1>;
