export {
  readDirectoryFile,
  type DirectoryFileOptions,
  type DirectoryLine,
} from './domain/read-directory-file';
export { DIRECTORY_COLUMNS, type DirectoryFileFormat } from './domain/directory-columns';
export type { ImportCounts, ImportReport, ImportStatus } from './domain/directory-import';
export type { Rejection } from './domain/directory-row';
