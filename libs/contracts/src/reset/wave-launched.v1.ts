import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { EventActor } from '../vocabulary/actor';
import { WaveId } from '../vocabulary/ids';
import { WaveCohort, WaveSchedule } from './wave-plan';

export const ResetWaveLaunchedV1 = defineEvent(
  'rekey.reset.wave-launched.v1',
  'reset',
  z.object({
    waveId: WaveId,
    campaignId: z.uuid(),
    name: z.string().min(1).max(200),
    cohort: WaveCohort,
    accountCount: z.number().int().nonnegative(),
    ...WaveSchedule,
    launchedBy: EventActor,
  }),
  {
    description: 'An operator launched a reset wave.',
    subject: "The wave id (`waveId`): a wave's planned and launched events stay in order.",
  },
);
export type ResetWaveLaunchedV1 = EventData<typeof ResetWaveLaunchedV1>;
