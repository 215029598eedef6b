import type {
  ContactState,
  LinkEvidence,
  MatchBand,
  MatchOutcome,
  ReviewReason,
  Segment,
} from '../../matching';
import type { NearMiss } from './near-misses';

/** One legacy account's stored result, as an operator reads it. */
export interface AccountResult {
  legacyAccountId: string;
  outcome: MatchOutcome;
  band: MatchBand;
  probability: number;
  targetAccountId?: string;
  reviewReasons: ReviewReason[];
  segments: Segment[];
  primarySegment: Segment;
  /** null for a result stored before contact states were kept, until the next run rewrites it. */
  contactState: ContactState | null;
  /** Spelled out with the model of the run that stored the result. */
  evidence?: LinkEvidence;
  nearMisses?: NearMiss[];
  /** The run that stored this result; a later run that found the same left it as it was. */
  storedByRunId: string;
  updatedAt: Date;
}

/** The run whose results a listing shows: the latest one started. */
export interface ResultsRun {
  id: string;
  status: 'running' | 'completed' | 'failed';
  startedAt: Date;
  finishedAt?: Date;
}
