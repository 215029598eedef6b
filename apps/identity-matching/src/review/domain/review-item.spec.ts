import { approveReview, resolveReview, settlementOf, type ReviewItem } from './review-item';
import {
  ReviewAlreadyResolved,
  ReviewNotAwaitingApproval,
  ReviewTargetNotCandidate,
  SelfApprovalRefused,
} from './review.errors';

const now = new Date('2026-02-01T10:00:00Z');
const ann = { subject: 'ann@rekey.example', role: 'operator' as const };
const bob = { subject: 'bob@rekey.example', role: 'operator' as const };

function aCase(overrides: Partial<ReviewItem> = {}): ReviewItem {
  return {
    id: '0190a0a0-0000-7000-8000-000000000001',
    legacyAccountId: 'L-1',
    kind: 'match',
    status: 'open',
    runId: '0190a0a0-0000-7000-8000-0000000000aa',
    reasons: ['medium_band'],
    candidateTargetIds: ['T-1'],
    targetAccountId: 'T-1',
    band: 'medium',
    probability: 0.95,
    segments: ['standard'],
    primarySegment: 'standard',
    verifiedContacts: [],
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

const linkToCandidate = {
  decision: 'link' as const,
  targetAccountId: 'T-1',
  note: 'same person',
  actor: ann,
};

describe('resolveReview', () => {
  it('resolves a standard account at once, recording who and why', () => {
    const resolved = resolveReview(aCase(), linkToCandidate, now, false);
    expect(resolved.status).toBe('resolved');
    expect(resolved.resolution).toMatchObject({ decision: 'link', note: 'same person', resolvedBy: ann });
    expect(settlementOf(resolved)).toEqual({
      kind: 'link',
      targetAccountId: 'T-1',
      created: false,
      linkedBy: ann.subject,
    });
  });

  it('refuses a link to an account that is neither a candidate nor in the target directory', () => {
    const request = { ...linkToCandidate, targetAccountId: 'T-404' };
    expect(() => resolveReview(aCase(), request, now, false)).toThrow(ReviewTargetNotCandidate);
    expect(resolveReview(aCase(), request, now, true).resolution?.targetAccountId).toBe('T-404');
  });

  it('refuses to resolve a case twice', () => {
    const resolved = resolveReview(aCase(), linkToCandidate, now, false);
    expect(() => resolveReview(resolved, linkToCandidate, now, false)).toThrow(ReviewAlreadyResolved);
  });
});

describe('dual control of privileged accounts', () => {
  const privileged = aCase({ segments: ['privileged', 'standard'], primarySegment: 'privileged' });

  it('holds the first resolution until a second reviewer approves it', () => {
    const pending = resolveReview(privileged, linkToCandidate, now, false);
    expect(pending.status).toBe('pending_approval');
    expect(settlementOf(pending)).toBeUndefined();
    const approved = approveReview(pending, bob, now);
    expect(approved.status).toBe('resolved');
    expect(approved.resolution?.approvedBy).toEqual(bob);
    expect(settlementOf(approved)).toMatchObject({
      kind: 'link',
      linkedBy: ann.subject,
      approvedBy: bob.subject,
    });
  });

  it('refuses an approval by the reviewer who resolved it', () => {
    const pending = resolveReview(privileged, linkToCandidate, now, false);
    expect(() => approveReview(pending, ann, now)).toThrow(SelfApprovalRefused);
  });

  it('refuses a second resolution while one awaits approval', () => {
    const pending = resolveReview(privileged, linkToCandidate, now, false);
    expect(() => resolveReview(pending, { ...linkToCandidate, actor: bob }, now, false)).toThrow(
      ReviewAlreadyResolved,
    );
  });

  it('has nothing to approve on an open or an already approved case', () => {
    expect(() => approveReview(privileged, bob, now)).toThrow(ReviewNotAwaitingApproval);
    const approved = approveReview(resolveReview(privileged, linkToCandidate, now, false), bob, now);
    expect(() => approveReview(approved, { ...bob, subject: 'carol@rekey.example' }, now)).toThrow(
      ReviewNotAwaitingApproval,
    );
  });

  it('settles an exclusion without a link', () => {
    const excluded = resolveReview(
      aCase(),
      { decision: 'exclude', note: 'test account', actor: ann },
      now,
      false,
    );
    expect(settlementOf(excluded)).toEqual({ kind: 'exclude', excludedBy: ann.subject });
  });
});
