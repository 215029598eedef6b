import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { Band } from '../vocabulary/band';
import { LegacyAccountId, TargetAccountId } from '../vocabulary/ids';
import { Segment } from '../vocabulary/segment';
import { FieldEvidence } from './field-evidence';

export const IdentityLinkedV1 = defineEvent(
  'rekey.identity.linked.v1',
  'identity',
  z.object({
    legacyAccountId: LegacyAccountId,
    targetAccountId: TargetAccountId,
    targetAccountCreated: z.boolean().describe('True when no target account matched and one was created.'),
    method: z.enum(['deterministic', 'probabilistic', 'manual_review']),
    segment: Segment,
    band: Band,
    matchWeight: z
      .number()
      .optional()
      .describe('Total Fellegi-Sunter weight; absent for deterministic links.'),
    evidence: z.array(FieldEvidence).max(20),
  }),
  {
    description:
      'A legacy account is linked, with a verified link, to a target account: it may now be reset. Emitted for every link, including those a reviewer made.',
  },
);
export type IdentityLinkedV1 = EventData<typeof IdentityLinkedV1>;
