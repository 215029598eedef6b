import { z } from 'zod';
import { Band } from '../vocabulary/band';
import { Segment } from '../vocabulary/segment';

/** Who a wave resets: a rule over segments and bands, or an uploaded list of accounts. */
export const WaveCohort = z.object({
  segments: z.array(Segment).describe('Empty: every segment.'),
  bands: z.array(Band).describe('Empty: every band.'),
  accountListId: z.uuid().optional().describe('An uploaded list of legacy account ids, instead of a rule.'),
});

/** When and how fast a wave goes out. */
export const WaveSchedule = {
  noticeAt: z.iso.datetime().describe('When the advance notice goes out.'),
  startsAt: z.iso.datetime().describe('When reset links start going out.'),
  cutoffAt: z.iso.datetime().describe('After this date the legacy login is no longer offered to the cohort.'),
  pacePerSecond: z.number().positive().describe('Reset links issued per second at most.'),
  linkLifetimeMinutes: z.number().int().positive(),
};

/**
 * What a wave requires of its customers' enrolment, as the operator planned it. Segments left out,
 * or a policy left out altogether, take reset-issuance's defaults: AAL2 for `privileged` and
 * `delegated`, AAL1 for the rest, and a bridge ending 90 days after the cutoff.
 */
export const WaveEnrolmentPolicy = z.object({
  minimumAssurance: z
    .partialRecord(Segment, z.enum(['aal1', 'aal2']))
    .optional()
    .describe('The lowest assurance level each segment may finish on.'),
  bridgeEndsAt: z.iso
    .datetime()
    .optional()
    .describe(
      'After this, a bridging password alone no longer signs in; after the cutoff. (The operator API calls it passwordBridgeEndsAt; event fields never name passwords.)',
    ),
});
