import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { EventActor } from '../vocabulary/actor';
import { Band } from '../vocabulary/band';
import { LegacyAccountId, TargetAccountId } from '../vocabulary/ids';
import { MaskedContact } from '../vocabulary/masked-contact';
import { Segment } from '../vocabulary/segment';
import { FieldEvidence } from './field-evidence';

/** What a verified link is, whoever reads it: the facts of the link, never a contact in clear. */
export const LinkFacts = {
  legacyAccountId: LegacyAccountId,
  targetAccountId: TargetAccountId,
  targetAccountCreated: z
    .boolean()
    .describe('True when the target account is to be created for this customer (a reviewer chose "new").'),
  segment: Segment.describe('The primary segment: the first of `segments` by precedence.'),
  segments: z.array(Segment).min(1).describe('Every segment the account is in.'),
  band: Band,
};

/*
 * v1 carried the verified contacts in clear on rekey.identity, which every consumer reads. v2
 * carries them masked; in clear they go only to reset-issuance, on a restricted topic
 * (rekey.identity.contacts-released.v1). Removing a field is a breaking change, hence a version.
 */
export const IdentityLinkedV2 = defineEvent(
  'rekey.identity.linked.v2',
  'identity',
  z.object({
    ...LinkFacts,
    method: z.enum(['deterministic', 'probabilistic', 'manual_review']),
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
    maskedContacts: z
      .array(MaskedContact)
      .max(10)
      .describe(
        "The legacy account's verified contacts, masked. In clear they travel only to reset-issuance, in rekey.identity.contacts-released.v1.",
      ),
    linkedBy: EventActor.optional().describe('The reviewer, for a link made in review.'),
  }),
  {
    description:
      'A legacy account is linked, with a verified link, to a target account: it may now be reset. Emitted for every verified link, including those a reviewer made; replaces rekey.identity.linked.v1, which carried contacts in clear and is no longer published.',
  },
);
export type IdentityLinkedV2 = EventData<typeof IdentityLinkedV2>;
