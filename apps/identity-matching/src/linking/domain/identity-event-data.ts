import type {
  FieldEvidence as EventFieldEvidence,
  IdentityReviewRequiredV1,
  VerifiedContact as EventVerifiedContact,
} from '@rekey/contracts';
import { ComparedFields } from '@rekey/contracts';
import type { LinkEvidence, MatchResult, ReviewReason, VerifiedContact } from '../../matching';
import type { LinkEventData } from './link-events';

const EVENT_FIELDS: ReadonlySet<string> = new Set(ComparedFields);

/**
 * The evidence events carry, in the contract's fields: a postcode is part of the address (its
 * level says so, `postcode-exact`), and extra attributes, which may be identifiers, stay inside
 * identity matching.
 */
export function eventEvidenceOf(evidence: LinkEvidence | undefined): EventFieldEvidence[] {
  return (evidence?.fields ?? []).flatMap(({ field, level, weight }): EventFieldEvidence[] => {
    if (field === 'postcode') return [{ field: 'address', level: `postcode-${level}`, weight }];
    return EVENT_FIELDS.has(field) ? [{ field: field as EventFieldEvidence['field'], level, weight }] : [];
  });
}

/**
 * The linked event names at most 10 blocking rules (its contract's bound): the first ones, in the
 * configuration's order. The stored evidence keeps them all.
 */
export function eventBlockingRulesOf(evidence: LinkEvidence | undefined): string[] {
  return (evidence?.blockingRules ?? []).slice(0, EVENT_BLOCKING_RULES);
}

const EVENT_BLOCKING_RULES = 10;

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
    blockingRules: eventBlockingRulesOf(result.evidence),
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
