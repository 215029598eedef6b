import { buildMatchReport, type MatchSample, type ReportFigures } from './match-report';

const noFigures: ReportFigures = {
  outcomes: [],
  bands: [],
  primarySegments: [],
  contactStates: [],
  reviewReasons: [],
  linkMethods: [],
  reviewStatuses: [],
  samples: [],
};

function aSample(legacyAccountId: string, band: MatchSample['band']): MatchSample {
  return { legacyAccountId, band, outcome: 'review', probability: 0.7, reviewReasons: ['low_band'] };
}

describe('buildMatchReport', () => {
  it('lists every outcome, band, segment and reason, at zero when none was counted', () => {
    const report = buildMatchReport(noFigures, 3);
    expect(report.accounts).toBe(0);
    expect(report.byOutcome).toEqual({ linked: 0, review: 0, new: 0 });
    expect(Object.keys(report.byBand)).toEqual(['high', 'medium', 'low', 'none']);
    expect(Object.keys(report.bySegment)[0]).toBe('privileged');
    expect(report.byReviewReason.shared_contact).toBe(0);
    expect(report.reviewQueue).toEqual({ open: 0, pendingApproval: 0, resolved: 0 });
  });

  it('totals the accounts by outcome and the verified links by method', () => {
    const report = buildMatchReport(
      {
        ...noFigures,
        outcomes: [
          { key: 'review', count: 30 },
          { key: 'linked', count: 60 },
          { key: 'new', count: 10 },
        ],
        linkMethods: [
          { key: 'deterministic', count: 40 },
          { key: 'probabilistic', count: 20 },
          { key: 'manual_review', count: 2 },
        ],
        reviewStatuses: [
          { key: 'open', count: 25 },
          { key: 'pending_approval', count: 1 },
          { key: 'superseded', count: 4 },
        ],
      },
      3,
    );
    expect(report.accounts).toBe(100);
    expect(report.byOutcome).toEqual({ linked: 60, review: 30, new: 10 });
    expect(report.verifiedLinks).toEqual({
      deterministic: 40,
      probabilistic: 20,
      manual_review: 2,
      total: 62,
    });
    expect(report.reviewQueue).toEqual({ open: 25, pendingApproval: 1, resolved: 0 });
  });

  it('counts the accounts by contact state, telling no contact from unverified and stale ones', () => {
    const report = buildMatchReport(
      {
        ...noFigures,
        contactStates: [
          { key: 'verified', count: 70 },
          { key: 'none', count: 5 },
          { key: 'unverified_only', count: 15 },
          { key: 'stale_verified', count: 10 },
        ],
      },
      3,
    );
    expect(report.byContactState).toEqual({ none: 5, unverified_only: 15, stale_verified: 10, verified: 70 });
    expect(Object.keys(report.byContactState)).toEqual([
      'none',
      'unverified_only',
      'stale_verified',
      'verified',
    ]);
  });

  it('lists every contact state at zero and names results stored without one as unknown', () => {
    expect(buildMatchReport(noFigures, 3).byContactState).toEqual({
      none: 0,
      unverified_only: 0,
      stale_verified: 0,
      verified: 0,
    });
    const report = buildMatchReport(
      {
        ...noFigures,
        contactStates: [
          { key: 'unknown', count: 4 },
          { key: 'verified', count: 1 },
        ],
      },
      3,
    );
    expect(report.byContactState).toEqual({
      none: 0,
      unverified_only: 0,
      stale_verified: 0,
      verified: 1,
      unknown: 4,
    });
  });

  it('keeps a few samples per band, by account id', () => {
    const samples = [
      aSample('L-9', 'low'),
      aSample('L-2', 'low'),
      aSample('L-5', 'low'),
      aSample('L-1', 'high'),
    ];
    const report = buildMatchReport({ ...noFigures, samples }, 2);
    expect(report.samples.low.map((sample) => sample.legacyAccountId)).toEqual(['L-2', 'L-5']);
    expect(report.samples.high).toHaveLength(1);
    expect(report.samples.medium).toEqual([]);
  });
});
