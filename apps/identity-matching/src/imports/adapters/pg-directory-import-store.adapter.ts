import { Injectable } from '@nestjs/common';
import { appendToOutbox } from '@rekey/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import { contentHashOf, storedAttributesOf, toStoredRecord } from '../../directory/domain/stored-record';
import type { DirectoryImport, ImportStatus } from '../domain/directory-import';
import type { Rejection } from '../domain/directory-row';
import type { BatchOutcome, NumberedWarning } from '../domain/import-tally';
import type {
  DirectoryImportStore,
  ImportStart,
  ImportWriter,
  NumberedRecord,
} from '../directory-import-store.port';
import { duplicateRejection } from '../domain/duplicate-rejection';

// One statement per batch. `seen` (this import's ids so far, read before the statement's own
// insert) finds ids a previous batch had. The upsert skips a row whose content hash is
// unchanged, so an unchanged record is never rewritten; `xmax = 0` tells an insert from an update.
const UPSERT_BATCH = `
  WITH input AS (
    SELECT * FROM unnest($1::text[], $2::integer[], $3::bytea[], $4::jsonb[], $8::jsonb[])
      AS row (account_id, line, content_hash, record, attributes)
  ), earlier AS (
    SELECT input.line, seen.line AS first_line, input.account_id
      FROM input JOIN import_seen AS seen USING (account_id)
  ), first_time AS (
    INSERT INTO import_seen (account_id, line) SELECT account_id, line FROM input
    ON CONFLICT (account_id) DO NOTHING
    RETURNING account_id
  ), written AS (
    INSERT INTO directory_record AS existing
           (directory, account_id, content_hash, record, attributes, import_id, updated_at)
    SELECT $5, input.account_id, input.content_hash, input.record, input.attributes, $6, $7
      FROM input JOIN first_time USING (account_id)
    ON CONFLICT (directory, account_id) DO UPDATE
      SET content_hash = EXCLUDED.content_hash, record = EXCLUDED.record, attributes = EXCLUDED.attributes,
          import_id = EXCLUDED.import_id, updated_at = EXCLUDED.updated_at
      WHERE existing.content_hash <> EXCLUDED.content_hash
    RETURNING (xmax = 0) AS inserted
  )
  SELECT (SELECT count(*) FROM written WHERE inserted)::integer AS inserted,
         (SELECT count(*) FROM written WHERE NOT inserted)::integer AS updated,
         (SELECT coalesce(json_agg(json_build_object('line', line, 'firstLine', first_line, 'accountId', account_id)), '[]')
            FROM earlier) AS duplicates`;

interface ImportRow {
  id: string;
  directory: DirectoryImport['directory'];
  format: DirectoryImport['format'];
  file_name: string;
  status: ImportStatus;
  refusal: string | null;
  read_count: number;
  inserted_count: number;
  updated_count: number;
  unchanged_count: number;
  rejected_count: number;
  warning_count: number;
  missing_columns: DirectoryImport['missingColumns'];
  imported_by: string;
  imported_by_role: DirectoryImport['importedBy']['role'];
  started_at: Date;
  finished_at: Date | null;
}

@Injectable()
export class PgDirectoryImportStore implements DirectoryImportStore {
  constructor(private readonly dataSource: DataSource) {}

  async start(start: ImportStart): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO directory_import (id, directory, file_name, format, status, imported_by, imported_by_role, started_at)
       VALUES ($1, $2, $3, $4, 'running', $5, $6, $7)`,
      [
        start.id,
        start.directory,
        start.fileName,
        start.format,
        start.importedBy.subject,
        start.importedBy.role,
        start.startedAt,
      ],
    );
  }

  async load(start: ImportStart, load: Parameters<DirectoryImportStore['load']>[1]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `CREATE TEMPORARY TABLE import_seen (account_id text COLLATE "C" PRIMARY KEY, line integer NOT NULL)
         ON COMMIT DROP`,
      );
      const { counts, missingColumns, finishedAt, events } = await load(new PgImportWriter(manager, start));
      await manager.query(
        `UPDATE directory_import
            SET status = 'completed', read_count = $2, inserted_count = $3, updated_count = $4,
                unchanged_count = $5, rejected_count = $6, warning_count = $7, missing_columns = $8,
                finished_at = $9
          WHERE id = $1 AND status = 'running'`,
        [
          start.id,
          counts.read,
          counts.inserted,
          counts.updated,
          counts.unchanged,
          counts.rejected,
          counts.warnings,
          missingColumns,
          finishedAt,
        ],
      );
      await appendToOutbox(manager, events);
    });
  }

  async finish(
    importId: string,
    outcome: { status: 'refused' | 'failed'; refusal?: string; finishedAt: Date },
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE directory_import SET status = $2, refusal = $3, finished_at = $4 WHERE id = $1 AND status = 'running'`,
      [importId, outcome.status, outcome.refusal ?? null, outcome.finishedAt],
    );
  }

  async find(importId: string): Promise<DirectoryImport | undefined> {
    const [row] = (await this.dataSource.query(`SELECT * FROM directory_import WHERE id = $1`, [
      importId,
    ])) as ImportRow[];
    return row ? toDirectoryImport(row) : undefined;
  }

  async rejections(importId: string, afterLine: number, limit: number): Promise<Rejection[]> {
    const rows: Array<{ line: number; field: string | null; reason: string }> = await this.dataSource.query(
      `SELECT line, field, reason FROM directory_import_rejection
        WHERE import_id = $1 AND line > $2 ORDER BY line LIMIT $3`,
      [importId, afterLine, limit],
    );
    return rows.map(({ line, field, reason }) => ({ line, ...(field === null ? {} : { field }), reason }));
  }

  async warnings(importId: string, afterPosition: number, limit: number): Promise<NumberedWarning[]> {
    const rows: Array<{ position: number; line: number; field: string; reason: string }> =
      await this.dataSource.query(
        `SELECT position, line, field, reason FROM directory_import_warning
          WHERE import_id = $1 AND position > $2 ORDER BY position LIMIT $3`,
        [importId, afterPosition, limit],
      );
    return rows.map(({ position, line, field, reason }) => ({ position, warning: { line, field, reason } }));
  }
}

class PgImportWriter implements ImportWriter {
  constructor(
    private readonly manager: EntityManager,
    private readonly start: ImportStart,
  ) {}

  async upsert(batch: NumberedRecord[]): Promise<BatchOutcome> {
    if (batch.length === 0) return { inserted: 0, updated: 0, unchanged: 0, duplicates: [] };
    const ids: string[] = [];
    const lines: number[] = [];
    const hashes: Buffer[] = [];
    const records: string[] = [];
    const attributes: string[] = [];
    for (const { line, record } of batch) {
      const stored = toStoredRecord(record);
      const storedAttributes = storedAttributesOf(record);
      ids.push(record.id);
      lines.push(line);
      hashes.push(contentHashOf(stored, storedAttributes));
      records.push(JSON.stringify(stored));
      attributes.push(JSON.stringify(storedAttributes));
    }
    const [{ inserted, updated, duplicates }] = (await this.manager.query(UPSERT_BATCH, [
      ids,
      lines,
      hashes,
      records,
      this.start.directory,
      this.start.id,
      new Date(),
      attributes,
    ])) as [
      {
        inserted: number;
        updated: number;
        duplicates: Array<{ line: number; firstLine: number; accountId: string }>;
      },
    ];
    return {
      inserted,
      updated,
      unchanged: batch.length - duplicates.length - inserted - updated,
      duplicates: duplicates.map(({ line, firstLine, accountId }) =>
        duplicateRejection(line, accountId, firstLine),
      ),
    };
  }

  async storeRejections(rejections: Rejection[]): Promise<void> {
    if (rejections.length === 0) return;
    await this.manager.query(
      `INSERT INTO directory_import_rejection (import_id, line, field, reason)
       SELECT $1, line, field, reason FROM unnest($2::integer[], $3::text[], $4::text[]) AS row (line, field, reason)`,
      [
        this.start.id,
        rejections.map((rejection) => rejection.line),
        rejections.map((rejection) => rejection.field ?? null),
        rejections.map((rejection) => rejection.reason),
      ],
    );
  }

  async storeWarnings(warnings: NumberedWarning[]): Promise<void> {
    if (warnings.length === 0) return;
    await this.manager.query(
      `INSERT INTO directory_import_warning (import_id, position, line, field, reason)
       SELECT $1, position, line, field, reason
         FROM unnest($2::integer[], $3::integer[], $4::text[], $5::text[]) AS row (position, line, field, reason)`,
      [
        this.start.id,
        warnings.map(({ position }) => position),
        warnings.map(({ warning }) => warning.line),
        warnings.map(({ warning }) => warning.field),
        warnings.map(({ warning }) => warning.reason),
      ],
    );
  }
}

function toDirectoryImport(row: ImportRow): DirectoryImport {
  return {
    id: row.id,
    directory: row.directory,
    format: row.format,
    fileName: row.file_name,
    status: row.status,
    ...(row.refusal === null ? {} : { refusal: row.refusal }),
    counts: {
      read: row.read_count,
      inserted: row.inserted_count,
      updated: row.updated_count,
      unchanged: row.unchanged_count,
      rejected: row.rejected_count,
      warnings: row.warning_count,
    },
    missingColumns: row.missing_columns,
    importedBy: { subject: row.imported_by, role: row.imported_by_role },
    startedAt: row.started_at,
    ...(row.finished_at === null ? {} : { finishedAt: row.finished_at }),
  };
}
