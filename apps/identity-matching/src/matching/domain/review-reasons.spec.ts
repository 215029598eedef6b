import { outcomeOf, reviewReasonsFor, type ReviewFacts } from './review-reasons';

const aClearHighMatch: ReviewFacts = {
  band: 'high',
  hasSharedContact: false,
  hasVerifiedContact: true,
  deterministicConflicts: [],
  otherStrongCandidates: 0,
  attributesContradict: false,
  targetClaimedBySeveral: false,
};

describe('reviewReasonsFor', () => {
  it('finds no reason for a high match with a verified contact and no rival', () => {
    expect(reviewReasonsFor(aClearHighMatch)).toEqual([]);
  });

  it('sends medium and low bands to review', () => {
    expect(reviewReasonsFor({ ...aClearHighMatch, band: 'medium' })).toEqual(['medium_band']);
    expect(reviewReasonsFor({ ...aClearHighMatch, band: 'low' })).toEqual(['low_band']);
  });

  it('sends an account with only unverified contacts to review, whatever its band', () => {
    expect(reviewReasonsFor({ ...aClearHighMatch, hasVerifiedContact: false })).toEqual([
      'unverified_contacts_only',
    ]);
  });

  it('sends an account matching several target accounts to review', () => {
    expect(reviewReasonsFor({ ...aClearHighMatch, otherStrongCandidates: 1 })).toEqual(['several_targets']);
  });

  it('lists each reason once, whichever pass found it', () => {
    expect(
      reviewReasonsFor({
        ...aClearHighMatch,
        hasSharedContact: true,
        deterministicConflicts: ['shared_contact', 'several_targets'],
        otherStrongCandidates: 2,
        targetClaimedBySeveral: true,
      }),
    ).toEqual(['shared_contact', 'several_targets', 'duplicate_legacy_accounts']);
  });
});

describe('outcomeOf', () => {
  it('links only a high band with no reason', () => {
    expect(outcomeOf('high', [], true)).toBe('linked');
    expect(outcomeOf('high', ['shared_contact'], true)).toBe('review');
    expect(outcomeOf('medium', ['medium_band'], true)).toBe('review');
  });

  it('calls an account without any candidate new', () => {
    expect(outcomeOf('none', [], false)).toBe('new');
  });
});
