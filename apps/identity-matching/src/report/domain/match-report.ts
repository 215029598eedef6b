import { Bands, ReviewReasons } from '@rekey/contracts';
import type {
  BlockingSummary,
  LinkEvidence,
  MatchBand,
  MatchOutcome,
  ReviewReason,
  Segment,
} from '../../matching';
import { CONTACT_STATES, SEGMENT_PRECEDENCE, type ContactState } from '../../matching';

export interface KeyCount {
  key: string;
  count: number;
}

export interface MatchSample {
  legacyAccountId: string;
  outcome: MatchOutcome;
  band: MatchBand;
  targetAccountId?: string;
  probability: number;
  reviewReasons: ReviewReason[];
  evidence?: LinkEvidence;
}

/** What the database counts; the report orders it and fills the gaps. */
export interface ReportFigures {
  outcomes: KeyCount[];
  bands: KeyCount[];
  primarySegments: KeyCount[];
  /** By contact state; `unknown` for results stored before contact states were kept. */
  contactStates: KeyCount[];
  reviewReasons: KeyCount[];
  linkMethods: KeyCount[];
  reviewStatuses: KeyCount[];
  samples: MatchSample[];
  lastRun?: { id: string; status: string; startedAt: Date; finishedAt?: Date; blocking?: BlockingSummary };
}

const OUTCOMES: readonly MatchOutcome[] = ['linked', 'review', 'new'];
const BANDS: readonly MatchBand[] = [...Bands, 'none'];
const LINK_METHODS = ['deterministic', 'probabilistic', 'manual_review'] as const;

export interface MatchReport {
  accounts: number;
  byOutcome: Record<MatchOutcome, number>;
  byBand: Record<MatchBand, number>;
  /** By primary segment, in precedence order. */
  bySegment: Record<Segment, number>;
  /**
   * How the accounts can be reached: no contact, unverified contacts only, verified but stale
   * (inactive account), verified. `unknown` appears only while results from before contact states
   * were kept remain, that is until the next run.
   */
  byContactState: Record<ContactState, number> & { unknown?: number };
  /** An account in review counts once under each of its reasons. */
  byReviewReason: Record<ReviewReason, number>;
  /** Verified links now in force, by how they were made (runs and reviewers). */
  verifiedLinks: Record<(typeof LINK_METHODS)[number], number> & { total: number };
  reviewQueue: { open: number; pendingApproval: number; resolved: number };
  samples: Record<MatchBand, MatchSample[]>;
  /** The latest run, with what its blocking proposed: candidate pairs per rule and per legacy record. */
  lastRun?: {
    id: string;
    status: string;
    startedAt: string;
    finishedAt?: string;
    blocking?: BlockingSummary;
  };
}

export function buildMatchReport(figures: ReportFigures, samplesPerBand: number): MatchReport {
  const byOutcome = tally(OUTCOMES, figures.outcomes);
  const links = tally(LINK_METHODS, figures.linkMethods);
  const statuses = tally(['open', 'pending_approval', 'resolved'] as const, figures.reviewStatuses);
  const samples = Object.fromEntries(BANDS.map((band) => [band, [] as MatchSample[]])) as Record<
    MatchBand,
    MatchSample[]
  >;
  for (const sample of [...figures.samples].sort((a, b) => compare(a.legacyAccountId, b.legacyAccountId))) {
    const bucket = samples[sample.band];
    if (bucket.length < samplesPerBand) bucket.push(sample);
  }
  const run = figures.lastRun;
  return {
    accounts: OUTCOMES.reduce((sum, outcome) => sum + byOutcome[outcome], 0),
    byOutcome,
    byBand: tally(BANDS, figures.bands),
    bySegment: tally(SEGMENT_PRECEDENCE, figures.primarySegments),
    byContactState: contactStateTally(figures.contactStates),
    byReviewReason: tally(ReviewReasons, figures.reviewReasons),
    verifiedLinks: { ...links, total: LINK_METHODS.reduce((sum, method) => sum + links[method], 0) },
    reviewQueue: {
      open: statuses.open,
      pendingApproval: statuses.pending_approval,
      resolved: statuses.resolved,
    },
    samples,
    ...(run
      ? {
          lastRun: {
            id: run.id,
            status: run.status,
            startedAt: run.startedAt.toISOString(),
            ...(run.finishedAt ? { finishedAt: run.finishedAt.toISOString() } : {}),
            ...(run.blocking ? { blocking: run.blocking } : {}),
          },
        }
      : {}),
  };
}

/** Every known key, in its order, zero when absent; counts of unknown keys are not invented into it. */
function tally<K extends string>(keys: readonly K[], counts: readonly KeyCount[]): Record<K, number> {
  const result = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  for (const { key, count } of counts) {
    if (Object.hasOwn(result, key)) result[key as K] += count;
  }
  return result;
}

function contactStateTally(counts: readonly KeyCount[]): MatchReport['byContactState'] {
  const known = tally(CONTACT_STATES, counts);
  const unknown = counts.filter(({ key }) => key === 'unknown').reduce((sum, { count }) => sum + count, 0);
  return unknown > 0 ? { ...known, unknown } : known;
}

function compare(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
