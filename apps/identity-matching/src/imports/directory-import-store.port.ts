import type { EventActor, RekeyEvent } from '@rekey/contracts';
import type { DirectoryRecord, DirectorySide } from '../directory/domain/directory-record';
import type { DirectoryColumn, DirectoryFileFormat } from './domain/directory-columns';
import type { DirectoryImport, ImportCounts } from './domain/directory-import';
import type { Rejection } from './domain/directory-row';
import type { BatchOutcome, NumberedWarning } from './domain/import-tally';

export const DIRECTORY_IMPORT_STORE = Symbol('DirectoryImportStore');

export interface ImportStart {
  id: string;
  directory: DirectorySide;
  format: DirectoryFileFormat;
  fileName: string;
  importedBy: EventActor;
  startedAt: Date;
}

export interface NumberedRecord {
  line: number;
  record: DirectoryRecord;
}

/** The writes of one import, all inside its transaction. */
export interface ImportWriter {
  /**
   * Upserts a batch (account ids distinct within it): new ids inserted, changed records
   * updated, unchanged ones left untouched; an id an earlier batch of this import already had
   * comes back as a duplicate and is not written.
   */
  upsert(batch: NumberedRecord[]): Promise<BatchOutcome>;
  storeRejections(rejections: Rejection[]): Promise<void>;
  storeWarnings(warnings: NumberedWarning[]): Promise<void>;
}

/** What a completed import records about itself, with its events. */
export interface ImportCompletion {
  counts: ImportCounts;
  missingColumns: DirectoryColumn[];
  finishedAt: Date;
  events: RekeyEvent[];
}

/** Directory imports and the records they write, in identity-matching's database. */
export interface DirectoryImportStore {
  /** Records the import as running, committed at once, so it can be looked up while it runs. */
  start(start: ImportStart): Promise<void>;
  /**
   * Runs `load` in one transaction that also marks the import completed with its counts and
   * appends its events: the records, the rejections and warnings, the completion and the events
   * commit together, or nothing does (a file refused halfway leaves no record written).
   */
  load(start: ImportStart, load: (writer: ImportWriter) => Promise<ImportCompletion>): Promise<void>;
  /** Ends an import that did not complete. */
  finish(
    importId: string,
    outcome: { status: 'refused' | 'failed'; refusal?: string; finishedAt: Date },
  ): Promise<void>;
  find(importId: string): Promise<DirectoryImport | undefined>;
  /** Stored rejections in line order, after `afterLine`. */
  rejections(importId: string, afterLine: number, limit: number): Promise<Rejection[]>;
  /** Stored warnings in the order they were read, after position `afterPosition`. */
  warnings(importId: string, afterPosition: number, limit: number): Promise<NumberedWarning[]>;
}
