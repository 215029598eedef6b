import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { DirectoryRecord, DirectorySide } from '../directory/domain/directory-record';
import { contentHashOf, toStoredRecord } from '../directory/domain/stored-record';

const ROWS_PER_STATEMENT = 5_000;

/**
 * Puts records straight into directory_record, as a completed import would, so that runs can be
 * tested (and measured) without the import pipeline.
 */
export async function insertDirectory(
  dataSource: DataSource,
  side: DirectorySide,
  records: readonly DirectoryRecord[],
): Promise<void> {
  const importId = randomUUID();
  await dataSource.query(
    `INSERT INTO directory_import (id, directory, file_name, format, status, imported_by, imported_by_role,
                                   started_at, finished_at)
     VALUES ($1, $2, 'fixture.ndjson', 'ndjson', 'completed', 'fixture', 'operator', now(), now())`,
    [importId, side],
  );
  for (let start = 0; start < records.length; start += ROWS_PER_STATEMENT) {
    const rows = records.slice(start, start + ROWS_PER_STATEMENT).map((record) => {
      const stored = toStoredRecord(record);
      return { id: record.id, record: stored, hash: contentHashOf(stored).toString('base64') };
    });
    await dataSource.query(
      `INSERT INTO directory_record (directory, account_id, content_hash, record, import_id, updated_at)
       SELECT $1, r.id, decode(r.hash, 'base64'), r.record, $2, now()
         FROM jsonb_to_recordset($3::jsonb) AS r(id text, record jsonb, hash text)`,
      [side, importId, JSON.stringify(rows)],
    );
  }
}
