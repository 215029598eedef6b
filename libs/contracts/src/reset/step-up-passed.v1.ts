import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { EventActor } from '../vocabulary/actor';
import { JourneyId, LegacyAccountId, WaveId } from '../vocabulary/ids';
import { StepUpMethod } from './step-up';

export const ResetStepUpPassedV1 = defineEvent(
  'rekey.reset.step-up-passed.v1',
  'reset',
  z.object({
    legacyAccountId: LegacyAccountId,
    waveId: WaveId,
    journeyId: JourneyId,
    method: StepUpMethod,
    verifiedBy: EventActor.optional().describe('The support agent, for support proofing.'),
    approvedBy: EventActor.optional().describe('The second agent, for privileged accounts (dual control).'),
  }),
  {
    description: 'The customer passed step-up verification and may enrol.',
  },
);
export type ResetStepUpPassedV1 = EventData<typeof ResetStepUpPassedV1>;
