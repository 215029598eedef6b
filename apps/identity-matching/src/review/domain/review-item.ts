import type { EventActor } from '@rekey/contracts';
import type { LinkEvidence, MatchBand, ReviewReason, Segment, VerifiedContact } from '../../matching';
import {
  ReviewAlreadyResolved,
  ReviewNotAwaitingApproval,
  ReviewTargetNotCandidate,
  SelfApprovalRefused,
} from './review.errors';

/**
 * ```mermaid
 * stateDiagram-v2
 *   [*] --> open: a run raises the case
 *   open --> resolved: a reviewer decides
 *   open --> pending_approval: a reviewer decides on a privileged account
 *   pending_approval --> resolved: a second, different reviewer approves
 *   open --> superseded: a later run links the account with confidence, or finds no candidate
 * ```
 */
export type ReviewStatus = 'open' | 'pending_approval' | 'resolved' | 'superseded';
export type ReviewDecision = 'link' | 'create_new' | 'exclude';

export interface Resolution {
  decision: ReviewDecision;
  /** The target linked to; for `create_new`, the id reserved for the account to be created. */
  targetAccountId?: string;
  note: string;
  resolvedBy: EventActor;
  resolvedAt: Date;
  approvedBy?: EventActor;
  approvedAt?: Date;
}

/** A legacy account waiting for a person, with what the run saw when it raised the case. */
export interface ReviewItem {
  id: string;
  legacyAccountId: string;
  /** `link_disputed`: a later run disagrees with the account's verified link. */
  kind: 'match' | 'link_disputed';
  status: ReviewStatus;
  runId: string;
  reasons: ReviewReason[];
  candidateTargetIds: string[];
  /** The engine's best candidate, whose evidence and band are shown. */
  targetAccountId?: string;
  band: MatchBand;
  probability: number;
  evidence?: LinkEvidence;
  segments: Segment[];
  primarySegment: Segment;
  verifiedContacts: VerifiedContact[];
  resolution?: Resolution;
  createdAt: Date;
  updatedAt: Date;
}

export interface ResolveRequest {
  decision: ReviewDecision;
  targetAccountId?: string;
  note: string;
  actor: EventActor;
}

/** Privileged accounts can act for others: a second person must agree before the decision counts. */
export function needsDualControl(item: ReviewItem): boolean {
  return item.segments.includes('privileged');
}

/**
 * Records a reviewer's decision. `isExistingTarget` says whether a target id outside the
 * candidates names an account of the target directory; a reviewer may link to one they found.
 */
export function resolveReview(
  item: ReviewItem,
  request: ResolveRequest,
  now: Date,
  isExistingTarget: boolean,
): ReviewItem {
  if (item.status !== 'open') throw new ReviewAlreadyResolved(item.id, item.status);
  if (request.decision === 'link') {
    const target = request.targetAccountId;
    if (target === undefined || (!item.candidateTargetIds.includes(target) && !isExistingTarget))
      throw new ReviewTargetNotCandidate(item.id);
  }
  const resolution: Resolution = {
    decision: request.decision,
    note: request.note,
    resolvedBy: request.actor,
    resolvedAt: now,
    ...(request.decision === 'exclude' || request.targetAccountId === undefined
      ? {}
      : { targetAccountId: request.targetAccountId }),
  };
  return {
    ...item,
    status: needsDualControl(item) ? 'pending_approval' : 'resolved',
    resolution,
    updatedAt: now,
  };
}

/** The second agent's approval of a privileged account's resolution. */
export function approveReview(item: ReviewItem, approver: EventActor, now: Date): ReviewItem {
  if (item.status !== 'pending_approval' || !item.resolution) throw new ReviewNotAwaitingApproval(item.id);
  if (item.resolution.resolvedBy.subject === approver.subject) throw new SelfApprovalRefused(item.id);
  return {
    ...item,
    status: 'resolved',
    resolution: { ...item.resolution, approvedBy: approver, approvedAt: now },
    updatedAt: now,
  };
}

/** What a resolved case settles for the account: a verified link, or its exclusion. */
export type Settlement =
  | { kind: 'link'; targetAccountId: string; created: boolean; linkedBy: string; approvedBy?: string }
  | { kind: 'exclude'; excludedBy: string };

export function settlementOf(item: ReviewItem): Settlement | undefined {
  const resolution = item.resolution;
  if (item.status !== 'resolved' || !resolution) return undefined;
  if (resolution.decision === 'exclude')
    return { kind: 'exclude', excludedBy: resolution.resolvedBy.subject };
  return {
    kind: 'link',
    targetAccountId: resolution.targetAccountId as string,
    created: resolution.decision === 'create_new',
    linkedBy: resolution.resolvedBy.subject,
    ...(resolution.approvedBy ? { approvedBy: resolution.approvedBy.subject } : {}),
  };
}
