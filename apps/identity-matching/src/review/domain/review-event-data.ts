import type { IdentityReviewResolvedV1 } from '@rekey/contracts';
import {
  eventBlockingRulesOf,
  eventContactsOf,
  eventEvidenceOf,
} from '../../linking/domain/identity-event-data';
import type { LinkEventData } from '../../linking/domain/link-events';
import type { Resolution, ReviewItem } from './review-item';

const DECISIONS = { link: 'linked_existing', create_new: 'linked_new', exclude: 'excluded' } as const;

export function reviewResolvedData(item: ReviewItem, resolution: Resolution): IdentityReviewResolvedV1 {
  return {
    legacyAccountId: item.legacyAccountId,
    reviewId: item.id,
    decision: DECISIONS[resolution.decision],
    ...(resolution.targetAccountId === undefined ? {} : { targetAccountId: resolution.targetAccountId }),
    segment: item.primarySegment,
    ...(item.band === 'none' ? {} : { band: item.band }),
    note: resolution.note,
    resolvedBy: resolution.resolvedBy,
    ...(resolution.approvedBy ? { approvedBy: resolution.approvedBy } : {}),
  };
}

/**
 * The verified link a resolution makes. The run's evidence goes with it only when the reviewer
 * chose the engine's own candidate; a target the reviewer found, or one to be created, was never
 * compared, so it carries no evidence, probability 0 and the lowest band rather than borrowed ones.
 */
export function reviewLinkData(item: ReviewItem, resolution: Resolution): LinkEventData {
  const targetAccountId = resolution.targetAccountId as string;
  const compared = targetAccountId === item.targetAccountId && item.band !== 'none';
  return {
    legacyAccountId: item.legacyAccountId,
    targetAccountId,
    targetAccountCreated: resolution.decision === 'create_new',
    method: 'manual_review',
    segment: item.primarySegment,
    segments: item.segments,
    band: compared && item.band !== 'none' ? item.band : 'low',
    probability: compared ? item.probability : 0,
    ...(compared && item.evidence ? { matchWeight: item.evidence.totalWeight } : {}),
    evidence: compared ? eventEvidenceOf(item.evidence) : [],
    blockingRules: compared ? eventBlockingRulesOf(item.evidence) : [],
    verifiedContacts: eventContactsOf(item.verifiedContacts),
    linkedBy: resolution.resolvedBy,
  };
}
