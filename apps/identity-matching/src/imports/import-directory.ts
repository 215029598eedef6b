import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import { createEvent, IdentityImportCompletedV1, type EventActor } from '@rekey/contracts';
import type { DirectorySide } from '../directory/domain/directory-record';
import {
  DIRECTORY_IMPORT_STORE,
  type DirectoryImportStore,
  type ImportStart,
  type ImportWriter,
  type NumberedRecord,
} from './directory-import-store.port';
import type { DirectoryColumn, DirectoryFileFormat } from './domain/directory-columns';
import { noCounts, type ImportReport } from './domain/directory-import';
import { DirectoryFileRefused } from './domain/directory-import.errors';
import type { FieldWarning } from './domain/directory-row';
import { duplicateRejection } from './domain/duplicate-rejection';
import { ImportTally } from './domain/import-tally';
import { readDirectoryFile } from './domain/read-directory-file';
import { IMPORT_SETTINGS, type ImportSettings } from './import-settings';

export interface ImportDirectoryCommand {
  directory: DirectorySide;
  format: DirectoryFileFormat;
  /** The file's name without its folder: named in refusals and in the completion event. */
  fileName: string;
  actor: EventActor;
}

/**
 * Imports one directory export as it streams in. Batches are written one at a time and the
 * stream is only read on while the database keeps up, so memory stays bounded whatever the
 * file's size. The whole file commits at once with its completion event, or not at all.
 */
@Injectable()
export class ImportDirectory {
  constructor(
    @Inject(DIRECTORY_IMPORT_STORE) private readonly imports: DirectoryImportStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IMPORT_SETTINGS) private readonly settings: ImportSettings,
  ) {}

  async execute(bytes: AsyncIterable<Uint8Array>, command: ImportDirectoryCommand): Promise<ImportReport> {
    const start: ImportStart = {
      id: this.clock.newId(),
      directory: command.directory,
      format: command.format,
      fileName: command.fileName,
      importedBy: command.actor,
      startedAt: this.clock.now(),
    };
    await this.imports.start(start);
    const tally = new ImportTally({
      storeLimit: this.settings.storedRejectionLimit,
      reportLimit: this.settings.reportedRejectionLimit,
      warningStoreLimit: this.settings.storedWarningLimit,
      warningReportLimit: this.settings.reportedWarningLimit,
    });
    try {
      let finishedAt = start.startedAt;
      let missingColumns: DirectoryColumn[] = [];
      await this.imports.load(start, async (writer) => {
        missingColumns = await this.readInto(writer, bytes, start, tally);
        finishedAt = this.clock.now();
        return {
          counts: tally.counts,
          missingColumns,
          finishedAt,
          events: [this.completedEvent(start, tally, finishedAt)],
        };
      });
      return { ...this.report(start, 'completed', tally, finishedAt), missingColumns };
    } catch (error) {
      const finishedAt = this.clock.now();
      if (error instanceof DirectoryFileRefused) {
        await this.imports.finish(start.id, { status: 'refused', refusal: error.reason, finishedAt });
        return { ...this.report(start, 'refused', undefined, finishedAt), refusal: error.reason };
      }
      // The import's rows were rolled back; record that it failed, but report the original error.
      await this.imports.finish(start.id, { status: 'failed', finishedAt }).catch(() => undefined);
      throw error;
    }
  }

  private async readInto(
    writer: ImportWriter,
    bytes: AsyncIterable<Uint8Array>,
    start: ImportStart,
    tally: ImportTally,
  ): Promise<DirectoryColumn[]> {
    let batch: NumberedRecord[] = [];
    let linesById = new Map<string, number>();
    // Held until the batch is written: a line the store finds to be a duplicate was not imported,
    // so the values it left out are not warnings of this import.
    let batchWarnings: FieldWarning[] = [];
    let missingColumns: DirectoryColumn[] = [];
    const flush = async () => {
      const outcome = await writer.upsert(batch);
      const duplicateLines = new Set(outcome.duplicates.map((duplicate) => duplicate.line));
      tally.addBatch(outcome);
      tally.warn(batchWarnings.filter((warning) => !duplicateLines.has(warning.line)));
      await writer.storeRejections(tally.takeRejectionsToStore());
      await writer.storeWarnings(tally.takeWarningsToStore());
      batch = [];
      batchWarnings = [];
      linesById = new Map();
    };
    const lines = readDirectoryFile(bytes, {
      directory: start.directory,
      format: start.format,
      fileName: start.fileName,
      defaultPhoneRegion: this.settings.defaultPhoneRegion,
      extraAttributes: this.settings.extraAttributes,
    });
    for await (const line of lines) {
      if ('missingColumns' in line) {
        missingColumns = line.missingColumns;
        continue;
      }
      tally.lineRead();
      if ('rejection' in line) {
        tally.reject(line.rejection);
      } else {
        // Repeats within a batch are caught here; the store catches those across batches.
        const firstLine = linesById.get(line.record.id);
        if (firstLine !== undefined) {
          tally.reject(duplicateRejection(line.line, line.record.id, firstLine));
        } else {
          linesById.set(line.record.id, line.line);
          batch.push({ line: line.line, record: line.record });
          batchWarnings.push(...line.warnings);
        }
      }
      const pending = tally.pendingWrites + batchWarnings.length;
      if (batch.length >= this.settings.batchSize || pending >= this.settings.batchSize) await flush();
    }
    await flush();
    return missingColumns;
  }

  private completedEvent(start: ImportStart, tally: ImportTally, finishedAt: Date) {
    return createEvent(
      IdentityImportCompletedV1,
      {
        importId: start.id,
        directory: start.directory,
        fileName: start.fileName,
        format: start.format,
        // The event's counts are lines; warnings are about values, kept with the import.
        counts: {
          read: tally.counts.read,
          inserted: tally.counts.inserted,
          updated: tally.counts.updated,
          unchanged: tally.counts.unchanged,
          rejected: tally.counts.rejected,
        },
        importedBy: start.importedBy,
      },
      { source: 'identity-matching', subject: start.id },
      () => finishedAt,
    );
  }

  private report(
    start: ImportStart,
    status: ImportReport['status'],
    tally: ImportTally | undefined,
    finishedAt: Date,
  ): ImportReport {
    return {
      id: start.id,
      directory: start.directory,
      format: start.format,
      fileName: start.fileName,
      status,
      counts: tally ? { ...tally.counts } : noCounts(),
      missingColumns: [],
      importedBy: start.importedBy,
      startedAt: start.startedAt,
      finishedAt,
      rejections: tally ? tally.reportedRejections() : [],
      warnings: tally ? tally.reportedWarnings() : [],
    };
  }
}
