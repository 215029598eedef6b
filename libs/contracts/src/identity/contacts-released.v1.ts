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
    // One copy per reader, each on a topic of its own, so that every restricted topic keeps one reader.
    topic: [RestrictedTopics.identityContacts, RestrictedTopics.enrollmentContacts],
    description:
      'Restricted: published twice, in the same transaction and with the same data, once on rekey.restricted.identity-contacts, which only reset-issuance may read, and once on rekey.restricted.enrollment-contacts, which only enrollment may read (each copy has its own ce_id). A legacy account was linked (the rekey.identity.linked.v2 this event is caused by, in ce_causationid) and here are its verified contacts, in clear: reset-issuance reaches the customer with them and plans waves by the link facts; enrollment tells the customer on each of them when a sign-in method is added.',
  },
);
export type IdentityContactsReleasedV1 = EventData<typeof IdentityContactsReleasedV1>;
