import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { EventActor } from '../vocabulary/actor';
import { Band } from '../vocabulary/band';
import { LegacyAccountId, TargetAccountId } from '../vocabulary/ids';
import { Segment } from '../vocabulary/segment';
import { FieldEvidence } from './field-evidence';
import { VerifiedContact } from './verified-contact';

export const IdentityLinkedV1 = defineEvent(
  'rekey.identity.linked.v1',
  'identity',
  z.object({
    legacyAccountId: LegacyAccountId,
    targetAccountId: TargetAccountId,
    targetAccountCreated: z
      .boolean()
      .describe('True when the target account is to be created for this customer (a reviewer chose "new").'),
    method: z.enum(['deterministic', 'probabilistic', 'manual_review']),
    segment: Segment.describe('The primary segment: the first of `segments` by precedence.'),
    segments: z.array(Segment).min(1).describe('Every segment the account is in.'),
    band: Band,
    probability: z.number().min(0).max(1).describe('Match probability (1 for a deterministic link).'),
    matchWeight: z
      .number()
      .optional()
      .describe('Total Fellegi-Sunter weight of the pair; absent when no comparison was made.'),
    evidence: z.array(FieldEvidence).max(20),
    blockingRules: z
      .array(z.string().min(1).max(64))
      .max(10)
      .describe('The blocking rules that found the pair.'),
    verifiedContacts: z
      .array(VerifiedContact)
      .max(10)
      .describe("The legacy account's verified contacts, for notices, links and step-up codes."),
    linkedBy: EventActor.optional().describe('The reviewer, for a link made in review.'),
  }),
  {
    description:
      'A legacy account is linked, with a verified link, to a target account: it may now be reset. Emitted for every verified link, including those a reviewer made.',
  },
);
export type IdentityLinkedV1 = EventData<typeof IdentityLinkedV1>;
