import type { DirectoryRecord, DirectorySide } from './domain/directory-record';

export const DIRECTORY_RECORDS = Symbol('DirectoryRecords');

/** The imported directories, as matching reads them. */
export interface DirectoryRecords {
  /** Every record of one directory, ordered by account id. */
  loadAll(side: DirectorySide): Promise<DirectoryRecord[]>;
  count(side: DirectorySide): Promise<number>;
}
