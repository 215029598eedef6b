import type { Band, IdentityContactsReleasedV1, Segment, VerifiedContact } from '@rekey/contracts';
import { contactHash } from './contact-hash';

/**
 * A legacy account with a verified link: the only kind a wave may reset. Built from the link's
 * contacts event on the restricted topic, the one place the contacts travel in clear.
 */
export interface EligibleAccount {
  legacyAccountId: string;
  targetAccountId: string;
  targetAccountCreated: boolean;
  segment: Segment;
  segments: Segment[];
  band: Band;
  verifiedContacts: VerifiedContact[];
  linkedAt: Date;
  linkEventId: string;
  contactHashes: Buffer[];
}

export function eligibleAccountFromLink(
  link: IdentityContactsReleasedV1,
  event: { id: string; time: string },
): EligibleAccount {
  return {
    legacyAccountId: link.legacyAccountId,
    targetAccountId: link.targetAccountId,
    targetAccountCreated: link.targetAccountCreated,
    segment: link.segment,
    segments: link.segments,
    band: link.band,
    verifiedContacts: link.verifiedContacts,
    linkedAt: new Date(event.time),
    linkEventId: event.id,
    contactHashes: uniqueHashes(link.verifiedContacts),
  };
}

function uniqueHashes(contacts: VerifiedContact[]): Buffer[] {
  const byHex = new Map<string, Buffer>();
  for (const contact of contacts) {
    const hash = contactHash(contact.kind, contact.value);
    byHex.set(hash.toString('hex'), hash);
  }
  return [...byHex.values()];
}
