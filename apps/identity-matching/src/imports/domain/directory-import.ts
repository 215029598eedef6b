import type { EventActor } from '@rekey/contracts';
import type { DirectorySide } from '../../directory/domain/directory-record';
import type { DirectoryColumn, DirectoryFileFormat } from './directory-columns';
import type { FieldWarning, Rejection } from './directory-row';

/** running → completed, or refused (not a directory file) or failed (interrupted, database error). */
export type ImportStatus = 'running' | 'completed' | 'refused' | 'failed';

/**
 * Every data line read is exactly one of inserted, updated, unchanged or rejected. `warnings`
 * counts values left out of lines that were imported: a line may have several, or none.
 */
export interface ImportCounts {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warnings: number;
}

export interface DirectoryImport {
  id: string;
  directory: DirectorySide;
  format: DirectoryFileFormat;
  fileName: string;
  status: ImportStatus;
  /** Why the file was refused whole. */
  refusal?: string;
  counts: ImportCounts;
  /** Known columns the file did not have, read as empty on every line (see directory-columns.ts). */
  missingColumns: DirectoryColumn[];
  importedBy: EventActor;
  startedAt: Date;
  finishedAt?: Date;
}

/** What an import answers: the import, with its first rejections and warnings in line order. */
export interface ImportReport extends DirectoryImport {
  rejections: Rejection[];
  warnings: FieldWarning[];
}

export function noCounts(): ImportCounts {
  return { read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, warnings: 0 };
}
