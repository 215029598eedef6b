import type { Clock } from '@rekey/background';
import { openScratchDataSource } from '@rekey/testing';
import type { DataSource } from 'typeorm';
import { PgDirectoryRecords } from '../../directory/adapters/pg-directory-records';
import { PgDirectoryImportStore } from '../adapters/pg-directory-import-store.adapter';
import { ImportDirectory, type ImportDirectoryCommand } from '../import-directory';
import {
  bytesOf,
  csvFile,
  csvLine,
  importMigrations,
  outboxEvents,
  testImportSettings,
} from './import-fixture';

const actor = { subject: 'identity-team@rekey.example', role: 'operator' as const };
const command = (fileName = 'legacy.csv'): ImportDirectoryCommand => ({
  directory: 'legacy',
  format: 'csv',
  fileName,
  actor,
});
const clock: Clock = { now: () => new Date(), newId: () => crypto.randomUUID() };

describe('importing a directory export into PostgreSQL', () => {
  let dataSource: DataSource;
  let importDirectory: ImportDirectory;

  beforeAll(async () => {
    ({ dataSource } = await openScratchDataSource('identity_matching_imports', importMigrations));
    importDirectory = new ImportDirectory(new PgDirectoryImportStore(dataSource), clock, testImportSettings);
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  beforeEach(async () => {
    await dataSource.query(
      'TRUNCATE directory_import, directory_record, directory_import_rejection, outbox_message',
    );
  });

  const goodFile = csvFile(
    csvLine({ id: 'L-1', emails: 'ann@mail.example:verified', given_name: 'Ann' }),
    csvLine({ id: 'L-2', emails: 'bob@', given_name: 'Bob' }),
    csvLine({ id: 'L-3', phones: '020 7946 0958:verified', given_name: 'Cy' }),
    csvLine({ id: 'L-4', date_of_birth: '1980-13-01' }),
    csvLine({ id: 'L-5', given_name: 'Di' }),
    csvLine({ id: 'L-1', given_name: 'Ann again' }),
    csvLine({ id: 'L-6', given_name: 'Ed' }),
    'L-7,only,three',
    csvLine({ id: 'L-8', given_name: 'Flo', partner_linked: 'yes' }),
  );

  const storedRecords = async () =>
    (await dataSource.query(
      `SELECT account_id, xmin::text AS version, import_id FROM directory_record ORDER BY account_id`,
    )) as Array<{ account_id: string; version: string; import_id: string }>;

  it('imports every valid line and reports each rejected one by line, field and reason', async () => {
    const report = await importDirectory.execute(bytesOf(goodFile), command());

    expect(report.status).toBe('completed');
    expect(report.counts).toEqual({ read: 9, inserted: 5, updated: 0, unchanged: 0, rejected: 4 });
    expect(report.rejections).toEqual([
      { line: 3, field: 'emails', reason: '"bob@" is not an email address' },
      { line: 5, field: 'date_of_birth', reason: '"1980-13-01" is not a calendar date written YYYY-MM-DD' },
      {
        line: 7,
        field: 'id',
        reason: '"L-1" already appeared on line 2; an account may appear only once in a file',
      },
      { line: 9, reason: 'has 3 values; the header has 19 columns' },
    ]);
    expect((await storedRecords()).map((row) => row.account_id)).toEqual(['L-1', 'L-3', 'L-5', 'L-6', 'L-8']);
    const stored = await new PgDirectoryRecords(dataSource).loadAll('legacy');
    expect(stored.find((record) => record.id === 'L-1')?.givenName).toBe('Ann');
    expect(stored.find((record) => record.id === 'L-3')?.phones).toEqual([
      { value: '+442079460958', verified: true },
    ]);
    expect(stored.find((record) => record.id === 'L-8')?.partnerLinked).toBe(true);

    const rejections = await dataSource.query(
      `SELECT line, field, reason FROM directory_import_rejection WHERE import_id = $1 ORDER BY line`,
      [report.id],
    );
    expect(rejections.map((row: { line: number }) => row.line)).toEqual([3, 5, 7, 9]);
    const [row] = await dataSource.query(`SELECT * FROM directory_import WHERE id = $1`, [report.id]);
    expect(row).toMatchObject({
      status: 'completed',
      read_count: 9,
      inserted_count: 5,
      rejected_count: 4,
      imported_by: actor.subject,
      imported_by_role: 'operator',
    });
  });

  it('publishes the completion with its counts through the outbox, in the same transaction', async () => {
    const report = await importDirectory.execute(bytesOf(goodFile), command());
    const events = await outboxEvents(dataSource);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'rekey.identity.import-completed.v1', key: report.id });
    expect(events[0]!.data).toEqual({
      importId: report.id,
      directory: 'legacy',
      fileName: 'legacy.csv',
      format: 'csv',
      counts: { read: 9, inserted: 5, updated: 0, unchanged: 0, rejected: 4 },
      importedBy: actor,
    });
  });

  it('changes nothing when the same file is imported again, and updates only a changed row', async () => {
    await importDirectory.execute(bytesOf(goodFile), command());
    const before = await storedRecords();

    const again = await importDirectory.execute(bytesOf(goodFile), command());
    expect(again.counts).toEqual({ read: 9, inserted: 0, updated: 0, unchanged: 5, rejected: 4 });
    expect(await storedRecords()).toEqual(before);

    const changed = goodFile.replace('Flo', 'Florence');
    const third = await importDirectory.execute(bytesOf(changed), command());
    expect(third.counts).toEqual({ read: 9, inserted: 0, updated: 1, unchanged: 4, rejected: 4 });
    const after = await storedRecords();
    expect(
      after.filter((row, index) => row.version !== before[index]!.version).map((row) => row.account_id),
    ).toEqual(['L-8']);
    expect(after.find((row) => row.account_id === 'L-8')?.import_id).toBe(third.id);
  });

  it('refuses a file that turns binary after several batches, writing none of it', async () => {
    const valid = csvFile(...Array.from({ length: 10 }, (_, index) => csvLine({ id: `B-${index}` })));
    const report = await importDirectory.execute(
      bytesOf(valid, Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])),
      command('legacy-export.zip'),
    );

    expect(report.status).toBe('refused');
    expect(report.refusal).toBe(
      'it holds binary data, not text: a NUL byte on line 12 (byte offset ' +
        `${Buffer.byteLength(valid) + 4}); export the directory as UTF-8 CSV or NDJSON`,
    );
    expect(await storedRecords()).toEqual([]);
    expect(await outboxEvents(dataSource)).toEqual([]);
    const [row] = await dataSource.query(
      `SELECT status, refusal, finished_at FROM directory_import WHERE id = $1`,
      [report.id],
    );
    expect(row).toMatchObject({ status: 'refused', refusal: report.refusal });
    expect(row.finished_at).toBeInstanceOf(Date);
  });

  it('refuses a file with a wrong header before writing anything', async () => {
    const report = await importDirectory.execute(bytesOf('account,mail\r\nL-1,a@x.example\r\n'), command());
    expect(report.status).toBe('refused');
    expect(report.refusal).toMatch(
      /^the header row \(line 1\) has unknown columns "account", "mail"; missing columns "id", /,
    );
    expect(await storedRecords()).toEqual([]);
  });

  it('counts every rejection but stores only up to the limit', async () => {
    const limited = new ImportDirectory(new PgDirectoryImportStore(dataSource), clock, {
      ...testImportSettings,
      storedRejectionLimit: 2,
      reportedRejectionLimit: 3,
    });
    const bad = csvFile(
      ...Array.from({ length: 7 }, (_, index) => csvLine({ id: `R-${index}`, emails: 'nope' })),
    );
    const report = await limited.execute(bytesOf(bad), command());
    expect(report.counts.rejected).toBe(7);
    expect(report.rejections.map((rejection) => rejection.line)).toEqual([2, 3, 4]);
    const [{ stored }] = await dataSource.query(
      `SELECT count(*)::int AS stored FROM directory_import_rejection WHERE import_id = $1`,
      [report.id],
    );
    expect(stored).toBe(2);
  });

  it('marks the import failed and writes nothing when the upload breaks off', async () => {
    async function* brokenUpload(): AsyncGenerator<Uint8Array> {
      yield Buffer.from(csvFile(...Array.from({ length: 5 }, (_, index) => csvLine({ id: `F-${index}` }))));
      throw new Error('aborted');
    }
    await expect(importDirectory.execute(brokenUpload(), command())).rejects.toThrow('aborted');
    expect(await storedRecords()).toEqual([]);
    const [row] = await dataSource.query(`SELECT status FROM directory_import`);
    expect(row.status).toBe('failed');
  });
});
