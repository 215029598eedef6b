import { Bands, ReviewReasons, Segments } from '@rekey/contracts';
import { z } from 'zod';
import { CONTACT_STATES } from '../matching';

/*
 * The listing's query and answer, as documented in OpenAPI. The integration spec parses real
 * answers with MatchResultsAnswer, so the document cannot drift from what the endpoint returns.
 */

export const OUTCOMES = ['linked', 'review', 'new'] as const;
export const RESULT_BANDS = [...Bands, 'none'] as const;
export const MAX_RESULTS_LIMIT = 1000;

export const ResultsQuery = z.strictObject({
  runId: z.uuid().optional().describe('The run whose results to list; the latest run when absent.'),
  outcome: z.enum(OUTCOMES).optional(),
  band: z.enum(RESULT_BANDS).optional(),
  segment: z.enum(Segments).optional().describe('Accounts in this segment, primary or not.'),
  contactState: z.enum(CONTACT_STATES).optional(),
  after: z.string().min(1).max(2048).optional().describe('The `next` of the previous page.'),
  limit: z.coerce.number().int().min(1).max(MAX_RESULTS_LIMIT).default(100),
});

const FieldEvidenceAnswer = z.object({
  comparison: z.string().optional().describe("The comparison's name in the linkage configuration."),
  field: z.string().describe("e.g. 'given_name', 'date_of_birth', 'attribute:region'."),
  level: z.string().describe("e.g. 'exact', 'swapped', 'jaro-winkler>=0.92', 'missing'."),
  weight: z.number().describe('log2(m/u), term frequency included: positive supports the link.'),
  termFrequencyAdjustment: z
    .number()
    .optional()
    .describe('log2(u / tf(value)): how much a common value lowered, or a rare one raised, the weight.'),
});

const EvidenceAnswer = z.object({
  method: z.enum(['deterministic', 'probabilistic']),
  verifiedContacts: z.array(z.enum(['email', 'phone'])).describe('Kinds shared (deterministic links).'),
  blockingRules: z.array(z.string()).describe('The blocking rules that proposed the pair.'),
  fields: z.array(FieldEvidenceAnswer),
  priorWeight: z.number(),
  totalWeight: z.number(),
  probability: z.number().min(0).max(1),
});

const NearMissAnswer = z.object({
  targetId: z.string(),
  probability: z.number().min(0).max(1),
  weight: z.number(),
});

export const AccountResultAnswer = z.object({
  legacyAccountId: z.string(),
  outcome: z.enum(OUTCOMES),
  band: z.enum(RESULT_BANDS),
  probability: z.number().min(0).max(1),
  targetAccountId: z.string().optional().describe('The chosen target account, if any.'),
  reviewReasons: z.array(z.enum(ReviewReasons)),
  segments: z.array(z.enum(Segments)).describe('In precedence order: the first is the primary one.'),
  primarySegment: z.enum(Segments),
  contactState: z
    .enum(CONTACT_STATES)
    .nullable()
    .describe('null for a result stored before contact states were kept, until the next run.'),
  evidence: EvidenceAnswer.optional().describe('Per-field evidence of the pair, when there was a candidate.'),
  nearMisses: z
    .array(NearMissAnswer)
    .optional()
    .describe('The closest targets of an account found new, when the run kept them.'),
  storedByRunId: z.uuid().describe('The run that stored this result; later runs found the same.'),
  updatedAt: z.iso.datetime(),
});

export const MatchResultsAnswer = z.object({
  run: z
    .object({
      id: z.uuid(),
      status: z.enum(['completed', 'failed']),
      startedAt: z.iso.datetime(),
      finishedAt: z.iso.datetime().optional(),
    })
    .describe('The latest run, whose outcome the results are (a failed run: as far as it got).'),
  items: z.array(AccountResultAnswer),
  next: z.string().optional().describe('Pass as `after` for the next page; absent on the last one.'),
});
