import { z } from 'zod';
import { MainSteps } from './domain/funnel-steps';

/*
 * The operator API's answers, as documented in OpenAPI. The integration spec parses real answers
 * with these schemas, so the document cannot drift from what the endpoints return.
 */

const share = z.number().min(0).max(1).nullable();

const FunnelStepAnswer = z.object({
  step: z.enum(MainSteps),
  label: z.string(),
  reached: z.number().int().nonnegative().describe('Journeys that reached this step.'),
  next: z.enum(MainSteps).nullable(),
  conversion: share.describe('Share of those who reached this step that reached the next.'),
  abandoned: z.number().int().nonnegative().describe('Reached this step but not the next.'),
});

const FunnelGroupAnswer = z.object({
  segment: z.string().nullable().describe('null for the whole wave; "unknown" before the link is recorded.'),
  journeys: z.number().int().nonnegative(),
  steps: z.array(FunnelStepAnswer),
  stepUp: z
    .object({
      label: z.string(),
      needed: z.number().int().nonnegative(),
      passed: z.number().int().nonnegative(),
      conversion: share,
      abandoned: z.number().int().nonnegative(),
    })
    .describe('Optional step, with its own denominator: the journeys that needed step-up.'),
  issueToMigrated: z.object({
    journeys: z.number().int().nonnegative(),
    p50Seconds: z.number().nullable(),
    p90Seconds: z.number().nullable(),
  }),
});

export const FunnelAnswer = z.object({
  waveId: z.uuid(),
  wave: z.object({
    name: z.string().nullable(),
    cutoffAt: z.iso.datetime().nullable(),
    accountCount: z.number().int().nullable().describe('The cohort size the launch announced.'),
    pastCutoff: z.boolean(),
  }),
  abandonment: z
    .enum(['final', 'in_progress'])
    .describe('final once the wave is past its cutoff; before, who stopped may still go on.'),
  overall: FunnelGroupAnswer,
  bySegment: z.array(FunnelGroupAnswer),
});

export const KnownWavesAnswer = z.object({
  waves: z.array(
    z.object({
      waveId: z.uuid(),
      name: z.string().nullable(),
      cutoffAt: z.iso.datetime().nullable(),
      accountCount: z.number().int().nullable(),
      journeys: z.number().int().nonnegative(),
    }),
  ),
});
