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
 * then, caused by it, the contacts in clear on the restricted topic only reset-issuance reads.
 */
export function linkEventsOf(link: LinkEventData, context: EventContext, now: Date): RekeyEvent[] {
  const { verifiedContacts, ...facts } = link;
  const linked = createEvent(
    IdentityLinkedV2,
    { ...facts, maskedContacts: verifiedContacts.map(({ kind, value }) => maskContact(kind, value)) },
    context,
    () => now,
  );
  const released = createEvent(
    IdentityContactsReleasedV1,
    {
      legacyAccountId: facts.legacyAccountId,
      targetAccountId: facts.targetAccountId,
      targetAccountCreated: facts.targetAccountCreated,
      segment: facts.segment,
      segments: facts.segments,
      band: facts.band,
      verifiedContacts,
    },
    { ...context, correlationId: linked.correlationId, causationId: linked.id },
    () => now,
  );
  return [linked, released];
}
