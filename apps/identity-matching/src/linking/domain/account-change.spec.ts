import type { MatchResult } from '../../matching';
import { planAccountChange, type AccountState } from './account-change';

function aResult(overrides: Partial<MatchResult> = {}): MatchResult {
  return {
    legacyId: 'L-1',
    outcome: 'linked',
    targetId: 'T-1',
    band: 'high',
    probability: 1,
    reviewReasons: [],
    segments: ['standard'],
    primarySegment: 'standard',
    contactState: 'verified',
    verifiedContacts: [{ kind: 'email', value: 'ann@mail.example' }],
    ...overrides,
  };
}

const unknown: AccountState = { excluded: false };
const inReview = (reasons = ['medium_band'] as const): MatchResult =>
  aResult({ outcome: 'review', band: 'medium', probability: 0.95, reviewReasons: [...reasons] });

describe('planAccountChange', () => {
  it('changes nothing and emits nothing when the result is the one already stored', () => {
    const state: AccountState = {
      ...unknown,
      lastResultHash: 'h1',
      link: { targetId: 'T-1', created: false },
    };
    expect(planAccountChange(state, aResult(), 'h1')).toEqual({ record: false, action: { kind: 'none' } });
  });

  it('links a first confident result', () => {
    expect(planAccountChange(unknown, aResult(), 'h1')).toEqual({ record: true, action: { kind: 'link' } });
  });

  it('opens a case for a doubtful result, with its reasons and candidate', () => {
    expect(planAccountChange(unknown, inReview(), 'h1').action).toEqual({
      kind: 'open_review',
      reviewKind: 'match',
      reasons: ['medium_band'],
      candidateTargetIds: ['T-1'],
    });
  });

  it('records a new account without linking it', () => {
    const result = aResult({ outcome: 'new', targetId: undefined, band: 'none', probability: 0.1 });
    expect(planAccountChange(unknown, result, 'h1')).toEqual({ record: true, action: { kind: 'none' } });
  });

  it('keeps a verified link when a later result agrees, even with another probability', () => {
    const state: AccountState = {
      ...unknown,
      lastResultHash: 'h1',
      link: { targetId: 'T-1', created: false },
    };
    expect(planAccountChange(state, inReview(), 'h2')).toEqual({ record: true, action: { kind: 'none' } });
  });

  it('raises a disputed-link case, and keeps the link, when a later result points elsewhere', () => {
    const state: AccountState = {
      ...unknown,
      lastResultHash: 'h1',
      link: { targetId: 'T-1', created: false },
    };
    expect(planAccountChange(state, aResult({ targetId: 'T-2' }), 'h2').action).toEqual({
      kind: 'open_review',
      reviewKind: 'link_disputed',
      reasons: ['several_targets'],
      candidateTargetIds: ['T-1', 'T-2'],
    });
  });

  it('disputes a link when a later result finds no candidate at all', () => {
    const state: AccountState = { ...unknown, link: { targetId: 'T-1', created: false } };
    const result = aResult({ outcome: 'new', targetId: undefined, band: 'none' });
    expect(planAccountChange(state, result, 'h2').action).toMatchObject({
      kind: 'open_review',
      reasons: ['contradicting_attributes'],
      candidateTargetIds: ['T-1'],
    });
  });

  it('lets a created account stand until a candidate appears', () => {
    const state: AccountState = { ...unknown, link: { targetId: 'new-1', created: true } };
    const nothingFound = aResult({ outcome: 'new', targetId: undefined, band: 'none' });
    expect(planAccountChange(state, nothingFound, 'h2').action).toEqual({ kind: 'none' });
    expect(planAccountChange(state, aResult({ targetId: 'T-9' }), 'h3').action).toMatchObject({
      kind: 'open_review',
      candidateTargetIds: ['T-9'],
    });
  });

  it('leaves an excluded account alone whatever the result', () => {
    const state: AccountState = { excluded: true, lastResultHash: 'h1' };
    expect(planAccountChange(state, aResult(), 'h2')).toEqual({ record: true, action: { kind: 'none' } });
  });

  it('supersedes an open case when the engine becomes sure', () => {
    const state: AccountState = {
      ...unknown,
      activeReview: { id: 'R-1', status: 'open', reasons: ['medium_band'], candidateTargetIds: ['T-1'] },
    };
    expect(planAccountChange(state, aResult(), 'h2').action).toEqual({
      kind: 'link',
      supersededReviewId: 'R-1',
    });
  });

  it('never pre-empts a resolution waiting for its second reviewer', () => {
    const state: AccountState = {
      ...unknown,
      activeReview: {
        id: 'R-1',
        status: 'pending_approval',
        reasons: ['medium_band'],
        candidateTargetIds: ['T-1'],
      },
    };
    expect(planAccountChange(state, aResult(), 'h2').action).toEqual({ kind: 'none' });
    expect(planAccountChange(state, inReview(['low_band'] as never), 'h3').action).toEqual({ kind: 'none' });
  });

  it('refreshes an open case whose reasons changed, and leaves one whose reasons did not', () => {
    const state: AccountState = {
      ...unknown,
      activeReview: { id: 'R-1', status: 'open', reasons: ['medium_band'], candidateTargetIds: ['T-1'] },
    };
    expect(planAccountChange(state, inReview(), 'h2').action).toEqual({ kind: 'none' });
    expect(
      planAccountChange(state, inReview(['shared_contact', 'medium_band'] as never), 'h3').action,
    ).toEqual({
      kind: 'update_review',
      reviewId: 'R-1',
      reasons: ['shared_contact', 'medium_band'],
      candidateTargetIds: ['T-1'],
    });
  });

  it('supersedes an open case once the account has no candidate', () => {
    const state: AccountState = {
      ...unknown,
      activeReview: { id: 'R-1', status: 'open', reasons: ['low_band'], candidateTargetIds: ['T-1'] },
    };
    const result = aResult({ outcome: 'new', targetId: undefined, band: 'none' });
    expect(planAccountChange(state, result, 'h2').action).toEqual({
      kind: 'supersede_review',
      reviewId: 'R-1',
    });
  });
});
