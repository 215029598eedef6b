import { maskContact, type MaskedContact } from '@rekey/contracts';
import type { LinkEvidence } from '../matching';
import type { ReviewItem } from './domain/review-item';

/** A case as the API shows it; contacts are masked: enough to recognise, not to contact. */
export interface ReviewView {
  id: string;
  legacyAccountId: string;
  kind: ReviewItem['kind'];
  status: ReviewItem['status'];
  runId: string;
  reasons: string[];
  candidateTargetIds: string[];
  bestCandidate?: { targetAccountId: string; band: string; probability: number; evidence?: LinkEvidence };
  segments: string[];
  primarySegment: string;
  privileged: boolean;
  verifiedContacts: MaskedContact[];
  resolution?: {
    decision: string;
    targetAccountId?: string;
    note: string;
    resolvedBy: string;
    resolvedAt: string;
    approvedBy?: string;
    approvedAt?: string;
  };
  createdAt: string;
  updatedAt: string;
}

export function reviewView(item: ReviewItem): ReviewView {
  const resolution = item.resolution;
  return {
    id: item.id,
    legacyAccountId: item.legacyAccountId,
    kind: item.kind,
    status: item.status,
    runId: item.runId,
    reasons: item.reasons,
    candidateTargetIds: item.candidateTargetIds,
    ...(item.targetAccountId
      ? {
          bestCandidate: {
            targetAccountId: item.targetAccountId,
            band: item.band,
            probability: item.probability,
            ...(item.evidence ? { evidence: item.evidence } : {}),
          },
        }
      : {}),
    segments: item.segments,
    primarySegment: item.primarySegment,
    privileged: item.segments.includes('privileged'),
    verifiedContacts: item.verifiedContacts.map(({ kind, value }) =>
      maskContact(kind === 'email' ? 'email' : 'sms', value),
    ),
    ...(resolution
      ? {
          resolution: {
            decision: resolution.decision,
            ...(resolution.targetAccountId ? { targetAccountId: resolution.targetAccountId } : {}),
            note: resolution.note,
            resolvedBy: resolution.resolvedBy.subject,
            resolvedAt: resolution.resolvedAt.toISOString(),
            ...(resolution.approvedBy && resolution.approvedAt
              ? { approvedBy: resolution.approvedBy.subject, approvedAt: resolution.approvedAt.toISOString() }
              : {}),
          },
        }
      : {}),
    createdAt: item.createdAt.toISOString(),
    updatedAt: item.updatedAt.toISOString(),
  };
}
