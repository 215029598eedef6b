export {
  readDirectoryFile,
  type DirectoryFileOptions,
  type DirectoryFileItem,
  type DirectoryLine,
} from './domain/read-directory-file';
export { DIRECTORY_COLUMNS, type DirectoryFileFormat } from './domain/directory-columns';
export type { ImportCounts, ImportReport, ImportStatus } from './domain/directory-import';
export type { FieldWarning, Rejection } from './domain/directory-row';
