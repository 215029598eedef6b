import type { DirectoryRecord, DirectorySide } from './domain/directory-record';

export const DIRECTORY_RECORDS = Symbol('DirectoryRecords');

/** The imported directories, as matching reads them. */
export interface DirectoryRecords {
  /** Every record of one directory, ordered by account id. */
  loadAll(side: DirectorySide): Promise<DirectoryRecord[]>;
  /** The same records a page at a time, so that a million of them never sit in memory at once. */
  pages(side: DirectorySide): AsyncIterable<DirectoryRecord[]>;
  count(side: DirectorySide): Promise<number>;
}
