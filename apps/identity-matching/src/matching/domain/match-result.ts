import type { ContactState } from './contact-state';
import type { EvidenceInput } from './link-evidence';
import type { MatchBand } from './match-config';
import type { ReviewReason } from './review-reasons';
import type { Segment } from './segments';

/** A verified contact of the legacy account, for reaching the customer once linked. */
export interface VerifiedContact {
  kind: 'email' | 'phone';
  value: string;
}

export type MatchOutcome = 'linked' | 'review' | 'new';

export interface FieldEvidence {
  /** The comparison's name in the linkage configuration. */
  comparison: string;
  /** The field it compares: given_name, date_of_birth, attribute:region... */
  field: string;
  /** e.g. 'exact', 'jaro-winkler>=0.92', 'day-month-transposed', 'missing'. */
  level: string;
  /** log2(m/u) of that level, term frequency included: positive supports the link. */
  weight: number;
  /** log2(u / tf(value)): how much a common value lowered, or a rare one raised, the weight. */
  termFrequencyAdjustment?: number;
}

/** A candidate of an account found new, kept to show how close it came. */
export interface NearMiss {
  targetId: string;
  probability: number;
  weight: number;
}

/** Why a legacy account was tied to its target account, kept with the link. */
export interface LinkEvidence {
  method: 'deterministic' | 'probabilistic';
  /** Verified contacts the two accounts share (deterministic links only). */
  verifiedContacts: ('email' | 'phone')[];
  /** Blocking rules that proposed the pair; empty when only the deterministic pass found it. */
  blockingRules: string[];
  fields: FieldEvidence[];
  /** log2(λ / (1 - λ)): the model's prior. */
  priorWeight: number;
  /** Σ of the field weights. */
  totalWeight: number;
  /** Model probability of the pair (a deterministic link keeps its own, for the record). */
  probability: number;
}

/**
 * The matching decision for one legacy account. Only `linked` is a verified link: a high band
 * with no review reason. `review` waits for a person; `new` had no candidate above the low band.
 */
export interface MatchResult {
  legacyId: string;
  outcome: MatchOutcome;
  targetId?: string;
  band: MatchBand;
  /** 1 for a deterministic link; otherwise the model's probability of the best candidate. */
  probability: number;
  evidence?: LinkEvidence;
  /** What `evidence` is spelled out from with the run's model: what a row stores. */
  comparison?: EvidenceInput;
  reviewReasons: ReviewReason[];
  segments: Segment[];
  primarySegment: Segment;
  /** How the account can be reached: none, unverified only, stale verified, verified. */
  contactState: ContactState;
  verifiedContacts: VerifiedContact[];
  /** An account found new: its best candidates, none of them reaching the low band. */
  nearMisses?: NearMiss[];
}
