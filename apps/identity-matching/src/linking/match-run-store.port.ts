import type { MatchRun, MatchRunCounts, ModelSummary } from './domain/match-run';

export const MATCH_RUN_STORE = Symbol('MatchRunStore');

/** A run in progress: it holds the lock that keeps every other replica from starting one. */
export interface MatchRunLease {
  run: MatchRun;
  release(): Promise<void>;
}

/** The match_run table, and the lock that allows one run at a time across replicas. */
export interface MatchRunStore {
  /** Takes the run lock and records the run as running, or throws MatchRunAlreadyRunning. */
  begin(run: { id: string; requestedBy: string; startedAt: Date }): Promise<MatchRunLease>;
  complete(id: string, counts: MatchRunCounts, model: ModelSummary, finishedAt: Date): Promise<MatchRun>;
  fail(id: string, failure: string, finishedAt: Date): Promise<MatchRun>;
  find(id: string): Promise<MatchRun | undefined>;
}
