export {
  generateSyntheticDirectories,
  type SyntheticDirectories,
  type SyntheticOptions,
} from './synthetic-directories';
export { writeDirectoryFile } from './write-directory-file';
export type {
  ContactPoint,
  DirectoryFileFormat,
  DirectoryRecord,
  DirectorySide,
  PostalAddress,
} from './directory-record';
