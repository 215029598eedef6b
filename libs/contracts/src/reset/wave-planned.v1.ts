import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { EventActor } from '../vocabulary/actor';
import { WaveId } from '../vocabulary/ids';
import { WaveCohort, WaveEnrolmentPolicy, WaveSchedule } from './wave-plan';

export const ResetWavePlannedV1 = defineEvent(
  'rekey.reset.wave-planned.v1',
  'reset',
  z.object({
    waveId: WaveId,
    campaignId: z.uuid(),
    name: z.string().min(1).max(200),
    cohort: WaveCohort,
    ...WaveSchedule,
    enrolmentPolicy: WaveEnrolmentPolicy.optional().describe(
      'Absent when the wave was planned without one: every segment takes the defaults.',
    ),
    plannedBy: EventActor,
  }),
  {
    description: 'An operator planned a reset wave; nothing is sent until it is launched.',
    subject: "The wave id (`waveId`): a wave's planned and launched events stay in order.",
  },
);
export type ResetWavePlannedV1 = EventData<typeof ResetWavePlannedV1>;
