import type { ContactPoint, DirectoryRecord } from '../../directory/domain/directory-record';
import type { ReviewReason } from './review-reasons';
import type { SharedContacts } from './shared-contacts';

/**
 * The deterministic pass: a legacy account and a target account that share a verified email or a
 * verified phone are the same customer, provided every verified contact of the legacy account
 * that appears in the target directory points to that one account, and none is shared with
 * another legacy account. Anything else is a conflict for a person to settle.
 */
export type DeterministicOutcome =
  | { kind: 'none' }
  | { kind: 'linked'; targetIndex: number; verifiedContacts: ('email' | 'phone')[] }
  | { kind: 'conflict'; reasons: ReviewReason[] };

const HELD_BY_SEVERAL = -1;
const NONE: DeterministicOutcome = { kind: 'none' };

export function findDeterministicLinks(
  legacy: readonly DirectoryRecord[],
  target: readonly DirectoryRecord[],
  shared: SharedContacts,
): DeterministicOutcome[] {
  const targetByEmail = indexVerified(target, (record) => record.emails);
  const targetByPhone = indexVerified(target, (record) => record.phones);
  return legacy.map((record) => {
    const byEmail = verifiedHolders(record.emails, targetByEmail);
    const byPhone = verifiedHolders(record.phones, targetByPhone);
    if (byEmail.holders.length === 0 && byPhone.holders.length === 0) return NONE;

    const reasons: ReviewReason[] = [];
    const sharedOnLegacySide =
      byEmail.found.some((value) => shared.isSharedEmail(value)) ||
      byPhone.found.some((value) => shared.isSharedPhone(value));
    if (sharedOnLegacySide) reasons.push('shared_contact');

    const candidates = new Set([...byEmail.holders, ...byPhone.holders]);
    const heldBySeveral = candidates.has(HELD_BY_SEVERAL);
    candidates.delete(HELD_BY_SEVERAL);
    const emailAndPhoneDisagree =
      byEmail.holders.length > 0 &&
      byPhone.holders.length > 0 &&
      !byEmail.holders.some((holder) => holder !== HELD_BY_SEVERAL && byPhone.holders.includes(holder));
    if (emailAndPhoneDisagree) reasons.push('conflicting_verified_contacts');
    else if (heldBySeveral || candidates.size > 1) reasons.push('several_targets');
    if (reasons.length > 0) return { kind: 'conflict', reasons };

    const [targetIndex] = candidates as Set<number>;
    const verifiedContacts: ('email' | 'phone')[] = [];
    if (byEmail.holders.length > 0) verifiedContacts.push('email');
    if (byPhone.holders.length > 0) verifiedContacts.push('phone');
    return { kind: 'linked', targetIndex: targetIndex as number, verifiedContacts };
  });
}

/**
 * Verified contact → the one target account holding it verified, or HELD_BY_SEVERAL when any other
 * target account holds it too, verified or not: the contact then does not single out one account.
 */
function indexVerified(
  records: readonly DirectoryRecord[],
  contactsOf: (record: DirectoryRecord) => ContactPoint[],
): Map<string, number> {
  const holders = new Map<string, number>();
  const verified = new Set<string>();
  records.forEach((record, position) => {
    for (const contact of contactsOf(record)) {
      if (contact.verified) verified.add(contact.value);
      const holder = holders.get(contact.value);
      if (holder === undefined) holders.set(contact.value, position);
      else if (holder !== position) holders.set(contact.value, HELD_BY_SEVERAL);
    }
  });
  for (const value of holders.keys()) if (!verified.has(value)) holders.delete(value);
  return holders;
}

function verifiedHolders(
  contacts: ContactPoint[],
  index: Map<string, number>,
): { found: string[]; holders: number[] } {
  const found: string[] = [];
  const holders: number[] = [];
  for (const contact of contacts) {
    if (!contact.verified) continue;
    const holder = index.get(contact.value);
    if (holder === undefined) continue;
    found.push(contact.value);
    if (!holders.includes(holder)) holders.push(holder);
  }
  return { found, holders };
}
