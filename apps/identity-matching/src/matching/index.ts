export {
  linkDirectories,
  matchDirectories,
  matchPrepared,
  type MatchRun,
  type PreparedMatchRun,
} from './domain/link-directories';
export {
  evidenceOfRow,
  nearMissesOfRow,
  type EvidenceDetail,
  storedEvidenceOf,
  storedEvidenceSql,
  type StoredEvidence,
  type StoredModel,
} from './domain/stored-evidence';
export { DirectoryPreparer, type PreparedDirectories } from './domain/prepared-directories';
export {
  bandOf,
  validateMatchConfig,
  type BandThresholds,
  type MatchBand,
  type MatchConfig,
} from './domain/match-config';
export {
  COMPARED_FIELDS,
  KEY_PARTS,
  linkageConfigSchema,
  type ComparedFieldName,
  type EstimationSettings,
  type LinkageConfig,
} from './domain/linkage-config';
export { DEFAULT_LINKAGE } from './domain/default-linkage';
export type { ModelLayout } from './domain/link-evidence';
export type { BlockingSummary, PairCompleteness } from './domain/blocking-quality';
export { InvalidMatchConfig } from './domain/match-config.errors';
export type {
  FieldEvidence,
  LinkEvidence,
  MatchOutcome,
  MatchResult,
  NearMiss,
  VerifiedContact,
} from './domain/match-result';
export type { ReviewReason } from './domain/review-reasons';
export { CONTACT_STATES, type ContactState } from './domain/contact-state';
export { SEGMENT_PRECEDENCE, primarySegmentOf, type Segment } from './domain/segments';
export type { FellegiSunterModel, TrainingSession } from './domain/fellegi-sunter-model';
