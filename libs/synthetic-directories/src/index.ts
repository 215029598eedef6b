export {
  generateSyntheticDirectories,
  type SyntheticDirectories,
  type SyntheticOptions,
} from './synthetic-directories';
export { isNoiseProfile, NOISE_PROFILES, REALISTIC_NOISE_RATES, type NoiseProfile } from './realistic-noise';
export { writeDirectoryFile } from './write-directory-file';
export type {
  ContactPoint,
  DirectoryFileFormat,
  DirectoryRecord,
  DirectorySide,
  PostalAddress,
} from './directory-record';
