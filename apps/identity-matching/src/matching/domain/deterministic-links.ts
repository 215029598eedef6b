import type { ReviewReason } from './review-reasons';
import type { RecordFeatures } from './record-features';
import type { SharedContacts } from './shared-contacts';
import type { RaggedIds } from './vocabulary';

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

const NOBODY = -1;
const HELD_BY_SEVERAL = -2;
const NONE: DeterministicOutcome = { kind: 'none' };

export function findDeterministicLinks(
  legacy: RecordFeatures,
  target: RecordFeatures,
  shared: SharedContacts,
): DeterministicOutcome[] {
  const size = legacy.vocabulary.size;
  const targetByEmail = indexVerified(target.emails, target.verifiedEmails, size);
  const targetByPhone = indexVerified(target.phones, target.verifiedPhones, size);
  const outcomes = new Array<DeterministicOutcome>(legacy.count);
  for (let l = 0; l < legacy.count; l++) {
    const byEmail = verifiedHolders(legacy.verifiedEmails, l, targetByEmail);
    const byPhone = verifiedHolders(legacy.verifiedPhones, l, targetByPhone);
    if (byEmail.holders.length === 0 && byPhone.holders.length === 0) {
      outcomes[l] = NONE;
      continue;
    }
    const reasons: ReviewReason[] = [];
    const sharedOnLegacySide =
      byEmail.found.some((id) => shared.isSharedEmail(id)) ||
      byPhone.found.some((id) => shared.isSharedPhone(id));
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
    if (reasons.length > 0) {
      outcomes[l] = { kind: 'conflict', reasons };
      continue;
    }
    const [targetIndex] = candidates as Set<number>;
    const verifiedContacts: ('email' | 'phone')[] = [];
    if (byEmail.holders.length > 0) verifiedContacts.push('email');
    if (byPhone.holders.length > 0) verifiedContacts.push('phone');
    outcomes[l] = { kind: 'linked', targetIndex: targetIndex as number, verifiedContacts };
  }
  return outcomes;
}

/**
 * Contact id → the one target account holding it verified, or HELD_BY_SEVERAL when any other
 * target account holds it too, verified or not: the contact then does not single out one account.
 */
function indexVerified(all: RaggedIds, verified: RaggedIds, vocabularySize: number): Int32Array {
  const holders = new Int32Array(vocabularySize).fill(NOBODY);
  for (let t = 0; t + 1 < all.offsets.length; t++) {
    for (let c = all.offsets[t] as number; c < (all.offsets[t + 1] as number); c++) {
      const id = all.values[c] as number;
      const holder = holders[id] as number;
      if (holder === NOBODY) holders[id] = t;
      else if (holder !== t) holders[id] = HELD_BY_SEVERAL;
    }
  }
  const isVerified = new Uint8Array(vocabularySize);
  for (const id of verified.values) isVerified[id] = 1;
  for (let id = 0; id < vocabularySize; id++) if (isVerified[id] === 0) holders[id] = NOBODY;
  return holders;
}

function verifiedHolders(
  contacts: RaggedIds,
  record: number,
  index: Int32Array,
): { found: number[]; holders: number[] } {
  const found: number[] = [];
  const holders: number[] = [];
  for (let c = contacts.offsets[record] as number; c < (contacts.offsets[record + 1] as number); c++) {
    const id = contacts.values[c] as number;
    const holder = index[id] as number;
    if (holder === NOBODY) continue;
    found.push(id);
    if (!holders.includes(holder)) holders.push(holder);
  }
  return { found, holders };
}
