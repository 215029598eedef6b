import type { MatchBand } from './match-config';
import type { MatchOutcome } from './match-result';

/**
 * Why a legacy account waits for a person instead of being linked. Resetting the wrong customer
 * is worse than resetting one late, so any doubt sends the account to review.
 */
export type ReviewReason =
  /** One of its contacts is also on another legacy account (shared inbox, household). */
  | 'shared-contact'
  /** Its verified email and verified phone point to different target accounts. */
  | 'conflicting-verified-contacts'
  /** More than one target account matches above the low band, or holds its verified contact. */
  | 'several-targets'
  /** A verified contact agrees but the rest of the record does not (another year of birth, or
   * nothing else alike): a household's or a previous owner's contact. */
  | 'contradicting-attributes'
  /** The target account is also the best match of another legacy account. */
  | 'duplicate-legacy-accounts'
  | 'medium-band'
  | 'low-band'
  /** No verified email or phone: nobody has proven they read its contacts. */
  | 'unverified-contacts-only';

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
  if (facts.hasSharedContact) reasons.add('shared-contact');
  if (facts.otherStrongCandidates > 0) reasons.add('several-targets');
  if (facts.attributesContradict) reasons.add('contradicting-attributes');
  if (facts.targetClaimedBySeveral) reasons.add('duplicate-legacy-accounts');
  if (facts.band === 'medium') reasons.add('medium-band');
  if (facts.band === 'low') reasons.add('low-band');
  if (!facts.hasVerifiedContact) reasons.add('unverified-contacts-only');
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
