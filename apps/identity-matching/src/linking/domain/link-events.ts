import {
  createEvent,
  IdentityContactsReleasedV1,
  IdentityLinkedV2,
  maskContact,
  type EventContext,
  type RekeyEvent,
  type VerifiedContact,
} from '@rekey/contracts';

/** A verified link as identity matching knows it: the link's facts and the contacts in clear. */
export type LinkEventData = Omit<IdentityLinkedV2, 'maskedContacts'> & {
  verifiedContacts: VerifiedContact[];
};

/**
 * The events of one verified link: `linked` on the shared identity topic with the contacts masked,
 * then, caused by it, the contacts in clear on each restricted topic of the released event (one per
 * reader: reset-issuance's, enrollment's), written to the outbox in the same transaction.
 */
export function linkEventsOf(link: LinkEventData, context: EventContext, now: Date): RekeyEvent[] {
  const { verifiedContacts, ...facts } = link;
  const linked = createEvent(
    IdentityLinkedV2,
    { ...facts, maskedContacts: verifiedContacts.map(({ kind, value }) => maskContact(kind, value)) },
    context,
    () => now,
  );
  const released = {
    legacyAccountId: facts.legacyAccountId,
    targetAccountId: facts.targetAccountId,
    targetAccountCreated: facts.targetAccountCreated,
    segment: facts.segment,
    segments: facts.segments,
    band: facts.band,
    verifiedContacts,
  };
  const copies = IdentityContactsReleasedV1.topics.map((topic) =>
    createEvent(
      IdentityContactsReleasedV1,
      released,
      { ...context, correlationId: linked.correlationId, causationId: linked.id, topic },
      () => now,
    ),
  );
  return [linked, ...copies];
}
