import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { RestrictedTopics } from '../topics';
import { LinkFacts } from './linked.v2';
import { VerifiedContact } from './verified-contact';

export const IdentityContactsReleasedV1 = defineEvent(
  'rekey.identity.contacts-released.v1',
  'identity',
  z.object({
    ...LinkFacts,
    verifiedContacts: z
      .array(VerifiedContact)
      .max(10)
      .describe("The legacy account's verified contacts in clear, for notices, links and step-up codes."),
  }),
  {
    topic: RestrictedTopics.identityContacts,
    description:
      'Restricted: published on rekey.restricted.identity-contacts, which only reset-issuance may read. A legacy account was linked (the rekey.identity.linked.v2 this event is caused by, in ce_causationid) and here are the verified contacts reset-issuance needs to reach the customer, in clear, with the link facts it plans waves by.',
  },
);
export type IdentityContactsReleasedV1 = EventData<typeof IdentityContactsReleasedV1>;
