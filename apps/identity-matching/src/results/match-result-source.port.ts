import type { ContactState, MatchBand, MatchOutcome, Segment } from '../matching';
import type { AccountResult, ResultsRun } from './domain/account-result';

export const MATCH_RESULT_SOURCE = Symbol('MatchResultSource');

export interface ResultFilter {
  outcome?: MatchOutcome;
  band?: MatchBand;
  segment?: Segment;
  contactState?: ContactState;
  /** Only accounts whose id sorts after this one (byte order). */
  afterLegacyId?: string;
  limit: number;
}

export interface ResultSnapshot {
  /** The latest run started, if any. */
  latestRun?: ResultsRun;
  /** A page of the stored results, by legacy account id, read in the same snapshot as latestRun. */
  results: AccountResult[];
}

/** The stored result of every legacy account (account_match), one per account. */
export interface MatchResultSource {
  page(filter: ResultFilter): Promise<ResultSnapshot>;
  findRun(runId: string): Promise<ResultsRun | undefined>;
}
