import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DirectoryRecords } from '../directory-records.port';
import type { DirectoryRecord, DirectorySide } from '../domain/directory-record';
import { fromStoredRecord, type StoredRecord } from '../domain/stored-record';

// Keyset pages: a million records never sit in one result set, and no cursor holds a transaction open.
const PAGE_SIZE = 20_000;

@Injectable()
export class PgDirectoryRecords implements DirectoryRecords {
  constructor(private readonly dataSource: DataSource) {}

  async loadAll(side: DirectorySide): Promise<DirectoryRecord[]> {
    const records: DirectoryRecord[] = [];
    for await (const page of this.pages(side)) records.push(...page);
    return records;
  }

  async *pages(side: DirectorySide): AsyncIterable<DirectoryRecord[]> {
    // The next page is asked for before this one is handed over: the database finds and sends it
    // while the caller works on this one.
    let next = this.page(side, '');
    for (;;) {
      const rows = await next;
      const last = rows[rows.length - 1];
      if (rows.length === PAGE_SIZE && last) {
        next = this.page(side, last.account_id);
        // Awaited on the next turn; a caller that stops early must not leave it unhandled.
        next.catch(() => undefined);
      }
      if (rows.length > 0)
        yield rows.map((row) => fromStoredRecord(side, row.account_id, row.record, row.attributes));
      if (rows.length < PAGE_SIZE) return;
    }
  }

  private page(
    side: DirectorySide,
    after: string,
  ): Promise<Array<{ account_id: string; record: StoredRecord; attributes: Record<string, string> }>> {
    return this.dataSource.query(
      `SELECT account_id, record, attributes FROM directory_record
        WHERE directory = $1 AND account_id > $2
        ORDER BY account_id LIMIT $3`,
      [side, after, PAGE_SIZE],
    );
  }

  async count(side: DirectorySide): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM directory_record WHERE directory = $1`,
      [side],
    );
    return (row as { count: number }).count;
  }
}
