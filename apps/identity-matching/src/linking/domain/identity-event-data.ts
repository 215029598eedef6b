import type {
  FieldEvidence as EventFieldEvidence,
  IdentityReviewRequiredV1,
  VerifiedContact as EventVerifiedContact,
} from '@rekey/contracts';
import type { ComparedField, LinkEvidence, MatchResult, ReviewReason, VerifiedContact } from '../../matching';
import type { LinkEventData } from './link-events';

/** The engine names fields in camelCase; the events, like every contract, in snake_case. */
const EVENT_FIELD_NAMES: Record<ComparedField, EventFieldEvidence['field']> = {
  givenName: 'given_name',
  familyName: 'family_name',
  dateOfBirth: 'date_of_birth',
  address: 'address',
  email: 'email',
  phone: 'phone',
};

export function eventEvidenceOf(evidence: LinkEvidence | undefined): EventFieldEvidence[] {
  return (evidence?.fields ?? []).map(({ field, level, weight }) => ({
    field: EVENT_FIELD_NAMES[field],
    level,
    weight,
  }));
}

/** Phones reach the customer by text message: the contract calls that kind `sms`. */
export function eventContactsOf(contacts: readonly VerifiedContact[]): EventVerifiedContact[] {
  return contacts.map(({ kind, value }) => ({ kind: kind === 'email' ? 'email' : 'sms', value }));
}

/** A link a run made: a high band with no reason to doubt it. */
export function runLinkData(result: MatchResult & { targetId: string }): LinkEventData {
  return {
    legacyAccountId: result.legacyId,
    targetAccountId: result.targetId,
    targetAccountCreated: false,
    method: result.evidence?.method ?? 'probabilistic',
    segment: result.primarySegment,
    segments: result.segments,
    band: 'high',
    probability: result.probability,
    ...(result.evidence ? { matchWeight: result.evidence.totalWeight } : {}),
    evidence: eventEvidenceOf(result.evidence),
    blockingRules: result.evidence?.blockingRules ?? [],
    verifiedContacts: eventContactsOf(result.verifiedContacts),
  };
}

export function reviewRequiredData(
  reviewId: string,
  result: MatchResult,
  reasons: readonly ReviewReason[],
  candidateTargetIds: readonly string[],
): IdentityReviewRequiredV1 {
  return {
    legacyAccountId: result.legacyId,
    reviewId,
    reasons: [...reasons],
    candidateTargetAccountIds: [...candidateTargetIds],
    segment: result.primarySegment,
    segments: result.segments,
    ...(result.band === 'none' ? {} : { band: result.band }),
  };
}
