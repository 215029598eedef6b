export { LinkingModule } from './linking.module';
export { RunMatching, type RunMatchingCommand, type StartedMatchRun } from './run-matching';
export type { MatchRun, MatchRunCounts, ModelSummary } from './domain/match-run';
