import type { BlockingSummary, FellegiSunterModel, ModelLayout, TrainingSession } from '../../matching';

/**
 * ```mermaid
 * stateDiagram-v2
 *   [*] --> running: POST /operator/match-runs (holds the advisory lock)
 *   running --> completed
 *   running --> failed: error, or found running by the next run (its replica died)
 * ```
 */
export type MatchRunStatus = 'running' | 'completed' | 'failed';

export interface MatchRunCounts {
  legacy: number;
  target: number;
  candidatePairs: number;
  /** The engine's outcomes of this run, one per legacy account. */
  linked: number;
  review: number;
  new: number;
  /** Accounts whose result differs from the previous run's. */
  changed: number;
  linksCreated: number;
  reviewsOpened: number;
  eventsEmitted: number;
}

export interface ModelSummary {
  iterations: number;
  converged: boolean;
  /** Estimated probability that two records drawn at random are the same person. */
  lambda: number;
  /** m and u of each level of each comparison, by comparison name, with the field it compares. */
  fields: Array<{ field: string; compared: string; levels: Array<{ level: string; m: number; u: number }> }>;
  /** The run's blocking rules, in the order of its rule masks. */
  blockingRules: string[];
  /** The EM sessions that estimated m, one per training rule. */
  sessions: TrainingSession[];
  /** What blocking proposed: pairs per rule and per legacy record. */
  blocking: BlockingSummary;
}

export interface MatchRun {
  id: string;
  status: MatchRunStatus;
  requestedBy: string;
  startedAt: Date;
  finishedAt?: Date;
  failure?: string;
  counts?: MatchRunCounts;
  model?: ModelSummary;
}

export function emptyCounts(): MatchRunCounts {
  return {
    legacy: 0,
    target: 0,
    candidatePairs: 0,
    linked: 0,
    review: 0,
    new: 0,
    changed: 0,
    linksCreated: 0,
    reviewsOpened: 0,
    eventsEmitted: 0,
  };
}

export function summariseModel(
  model: FellegiSunterModel,
  layout: ModelLayout,
  blocking: BlockingSummary,
): ModelSummary {
  return {
    iterations: model.iterations,
    converged: model.converged,
    lambda: model.lambda,
    blockingRules: [...layout.ruleNames],
    sessions: model.sessions,
    blocking,
    fields: layout.comparisons.map(({ name, field, levels }, comparison) => ({
      field: name,
      compared: field,
      levels: levels.map((level, index) => ({
        level,
        m: model.m[comparison]?.[index] ?? 0,
        u: model.u[comparison]?.[index] ?? 0,
      })),
    })),
  };
}
