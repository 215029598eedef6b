export {
  linkDirectories,
  matchDirectories,
  matchPrepared,
  type MatchRun,
  type PreparedMatchRun,
} from './domain/link-directories';
export {
  evidenceOfRow,
  storedEvidenceOf,
  storedEvidenceSql,
  type StoredEvidence,
  type StoredModel,
} from './domain/stored-evidence';
export { DirectoryPreparer, type PreparedDirectories } from './domain/prepared-directories';
export {
  DEFAULT_ESTIMATION,
  bandOf,
  validateMatchConfig,
  type BandThresholds,
  type EstimationSettings,
  type MatchBand,
  type MatchConfig,
} from './domain/match-config';
export { InvalidMatchConfig } from './domain/match-config.errors';
export type {
  FieldEvidence,
  LinkEvidence,
  MatchOutcome,
  MatchResult,
  VerifiedContact,
} from './domain/match-result';
export type { ReviewReason } from './domain/review-reasons';
export { CONTACT_STATES, type ContactState } from './domain/contact-state';
export { SEGMENT_PRECEDENCE, primarySegmentOf, type Segment } from './domain/segments';
export { COMPARED_FIELDS, COMPARISON_LEVELS, type ComparedField } from './domain/field-comparisons';
export { BLOCKING_RULES } from './domain/blocking-rules';
export type { FellegiSunterModel } from './domain/fellegi-sunter-model';
