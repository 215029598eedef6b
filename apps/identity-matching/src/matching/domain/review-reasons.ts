import type { ReviewReason } from '@rekey/contracts';
import type { MatchBand } from './match-config';
import type { MatchOutcome } from './match-result';

/**
 * Why a legacy account waits for a person instead of being linked. Resetting the wrong customer
 * is worse than resetting one late, so any doubt sends the account to review:
 * - shared_contact: one of its contacts is also on another legacy account (shared inbox, household);
 * - conflicting_verified_contacts: its verified email and verified phone point to different targets;
 * - several_targets: more than one target matches above the medium band, or holds its verified contact;
 * - contradicting_attributes: a verified contact agrees but the rest does not (another year of
 *   birth, or nothing else alike): a household's or a previous owner's contact;
 * - duplicate_legacy_accounts: the target is also the best match of another legacy account;
 * - medium_band / low_band: the model is not sure enough;
 * - unverified_contacts_only: nobody has proven they read its contacts.
 */
export type { ReviewReason };

export interface ReviewFacts {
  band: MatchBand;
  hasSharedContact: boolean;
  hasVerifiedContact: boolean;
  /** Conflicts the deterministic pass found. */
  deterministicConflicts: readonly ReviewReason[];
  /** Target accounts other than the chosen one that score at or above the medium band. */
  otherStrongCandidates: number;
  attributesContradict: boolean;
  targetClaimedBySeveral: boolean;
}

export function reviewReasonsFor(facts: ReviewFacts): ReviewReason[] {
  const reasons = new Set<ReviewReason>(facts.deterministicConflicts);
  if (facts.hasSharedContact) reasons.add('shared_contact');
  if (facts.otherStrongCandidates > 0) reasons.add('several_targets');
  if (facts.attributesContradict) reasons.add('contradicting_attributes');
  if (facts.targetClaimedBySeveral) reasons.add('duplicate_legacy_accounts');
  if (facts.band === 'medium') reasons.add('medium_band');
  if (facts.band === 'low') reasons.add('low_band');
  if (!facts.hasVerifiedContact) reasons.add('unverified_contacts_only');
  return [...reasons];
}

/**
 * Only a high band with no reason at all is a verified link. An account with no candidate above
 * the low band is new, unless the deterministic pass found conflicting candidates for it.
 */
export function outcomeOf(
  band: MatchBand,
  reasons: readonly ReviewReason[],
  hasCandidate: boolean,
): MatchOutcome {
  if (!hasCandidate) return 'new';
  return band === 'high' && reasons.length === 0 ? 'linked' : 'review';
}
