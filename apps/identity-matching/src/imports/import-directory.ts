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
import type { DirectoryFileFormat } from './domain/directory-columns';
import { noCounts, type ImportReport } from './domain/directory-import';
import { DirectoryFileRefused } from './domain/directory-import.errors';
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
    });
    try {
      let finishedAt = start.startedAt;
      await this.imports.load(start, async (writer) => {
        await this.readInto(writer, bytes, start, tally);
        finishedAt = this.clock.now();
        return { counts: tally.counts, finishedAt, events: [this.completedEvent(start, tally, finishedAt)] };
      });
      return this.report(start, 'completed', tally, finishedAt);
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
  ): Promise<void> {
    let batch: NumberedRecord[] = [];
    let linesById = new Map<string, number>();
    const flush = async () => {
      tally.addBatch(await writer.upsert(batch));
      await writer.storeRejections(tally.takeRejectionsToStore());
      batch = [];
      linesById = new Map();
    };
    const lines = readDirectoryFile(bytes, {
      directory: start.directory,
      format: start.format,
      fileName: start.fileName,
      defaultPhoneRegion: this.settings.defaultPhoneRegion,
    });
    for await (const line of lines) {
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
        }
      }
      if (batch.length >= this.settings.batchSize || tally.pendingRejections >= this.settings.batchSize) {
        await flush();
      }
    }
    await flush();
  }

  private completedEvent(start: ImportStart, tally: ImportTally, finishedAt: Date) {
    return createEvent(
      IdentityImportCompletedV1,
      {
        importId: start.id,
        directory: start.directory,
        fileName: start.fileName,
        format: start.format,
        counts: { ...tally.counts },
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
      importedBy: start.importedBy,
      startedAt: start.startedAt,
      finishedAt,
      rejections: tally ? tally.reportedRejections() : [],
    };
  }
}
