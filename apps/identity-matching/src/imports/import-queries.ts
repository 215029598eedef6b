import { Inject, Injectable } from '@nestjs/common';
import { DIRECTORY_IMPORT_STORE, type DirectoryImportStore } from './directory-import-store.port';
import type { DirectoryImport } from './domain/directory-import';
import { DirectoryImportNotFound } from './domain/directory-import.errors';
import type { Rejection } from './domain/directory-row';
import type { NumberedWarning } from './domain/import-tally';

/** Reads for the operator API: an import's status and counts, its stored rejections and warnings. */
@Injectable()
export class ImportQueries {
  constructor(@Inject(DIRECTORY_IMPORT_STORE) private readonly imports: DirectoryImportStore) {}

  async directoryImport(importId: string): Promise<DirectoryImport> {
    const found = await this.imports.find(importId);
    if (!found) throw new DirectoryImportNotFound(importId);
    return found;
  }

  async rejections(importId: string, afterLine: number, limit: number): Promise<Rejection[]> {
    await this.directoryImport(importId);
    return this.imports.rejections(importId, afterLine, limit);
  }

  async warnings(importId: string, afterPosition: number, limit: number): Promise<NumberedWarning[]> {
    await this.directoryImport(importId);
    return this.imports.warnings(importId, afterPosition, limit);
  }
}
