import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { EventActor } from '../vocabulary/actor';
import { Band } from '../vocabulary/band';
import { WaveId } from '../vocabulary/ids';
import { Segment } from '../vocabulary/segment';

export const ResetWaveLaunchedV1 = defineEvent(
  'rekey.reset.wave-launched.v1',
  'reset',
  z.object({
    waveId: WaveId,
    campaignId: z.uuid(),
    name: z.string().min(1).max(200),
    cohort: z.object({
      segments: z.array(Segment).describe('Empty: every segment.'),
      bands: z.array(Band).describe('Empty: every band.'),
      accountListId: z
        .uuid()
        .optional()
        .describe('An uploaded list of legacy account ids, instead of a rule.'),
    }),
    accountCount: z.number().int().nonnegative(),
    noticeAt: z.iso.datetime().describe('When the advance notice goes out.'),
    startsAt: z.iso.datetime().describe('When reset links start going out.'),
    cutoffAt: z.iso
      .datetime()
      .describe('After this date the legacy login is no longer offered to the cohort.'),
    pacePerSecond: z.number().positive().describe('Reset links issued per second at most.'),
    linkLifetimeMinutes: z.number().int().positive(),
    launchedBy: EventActor,
  }),
  {
    description: 'An operator launched a reset wave. Subject: the wave id.',
  },
);
export type ResetWaveLaunchedV1 = EventData<typeof ResetWaveLaunchedV1>;
