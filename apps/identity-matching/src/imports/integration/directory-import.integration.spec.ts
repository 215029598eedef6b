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
      'TRUNCATE directory_import, directory_record, directory_import_rejection, directory_import_warning, outbox_message',
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

  const storedWarnings = async (importId: string) =>
    (await dataSource.query(
      `SELECT position, line, field, reason FROM directory_import_warning WHERE import_id = $1 ORDER BY position`,
      [importId],
    )) as Array<{ position: number; line: number; field: string; reason: string }>;

  const storedRecords = async () =>
    (await dataSource.query(
      `SELECT account_id, xmin::text AS version, import_id FROM directory_record ORDER BY account_id`,
    )) as Array<{ account_id: string; version: string; import_id: string }>;

  it('imports every line with an account id, leaving out and warning of values it cannot read', async () => {
    const report = await importDirectory.execute(bytesOf(goodFile), command());

    expect(report.status).toBe('completed');
    expect(report.counts).toEqual({
      read: 9,
      inserted: 7,
      updated: 0,
      unchanged: 0,
      rejected: 2,
      warnings: 2,
    });
    expect(report.missingColumns).toEqual([]);
    expect(report.rejections).toEqual([
      {
        line: 7,
        field: 'id',
        reason: '"L-1" already appeared on line 2; an account may appear only once in a file',
      },
      { line: 9, reason: 'has 3 values; the header has 19 columns' },
    ]);
    expect(report.warnings).toEqual([
      { line: 3, field: 'emails', reason: 'entry 1 left out: not an email address' },
      { line: 5, field: 'date_of_birth', reason: '"1980-13-01" is not a calendar date written YYYY-MM-DD' },
    ]);
    expect((await storedRecords()).map((row) => row.account_id)).toEqual([
      'L-1',
      'L-2',
      'L-3',
      'L-4',
      'L-5',
      'L-6',
      'L-8',
    ]);
    const stored = await new PgDirectoryRecords(dataSource).loadAll('legacy');
    expect(stored.find((record) => record.id === 'L-1')?.givenName).toBe('Ann');
    expect(stored.find((record) => record.id === 'L-2')).toMatchObject({ givenName: 'Bob', emails: [] });
    expect(stored.find((record) => record.id === 'L-3')?.phones).toEqual([
      { value: '+442079460958', verified: true },
    ]);
    expect(stored.find((record) => record.id === 'L-8')?.partnerLinked).toBe(true);

    const rejections = await dataSource.query(
      `SELECT line, field, reason FROM directory_import_rejection WHERE import_id = $1 ORDER BY line`,
      [report.id],
    );
    expect(rejections.map((row: { line: number }) => row.line)).toEqual([7, 9]);
    const [row] = await dataSource.query(`SELECT * FROM directory_import WHERE id = $1`, [report.id]);
    expect(row).toMatchObject({
      status: 'completed',
      read_count: 9,
      inserted_count: 7,
      rejected_count: 2,
      warning_count: 2,
      missing_columns: [],
      imported_by: actor.subject,
      imported_by_role: 'operator',
    });
  });

  it('keeps the account whose date of birth is not a date, stored without it and the warning stored', async () => {
    const report = await importDirectory.execute(
      bytesOf(csvFile(csvLine({ id: 'D-1', given_name: 'Dora', date_of_birth: '1945-04-93' }))),
      command(),
    );
    expect(report.counts).toMatchObject({ inserted: 1, rejected: 0, warnings: 1 });
    const [record] = await new PgDirectoryRecords(dataSource).loadAll('legacy');
    expect(record).toMatchObject({ id: 'D-1', givenName: 'Dora' });
    expect(record).not.toHaveProperty('dateOfBirth');
    expect(await storedWarnings(report.id)).toEqual([
      {
        position: 1,
        line: 2,
        field: 'date_of_birth',
        reason: '"1945-04-93" is not a calendar date written YYYY-MM-DD',
      },
    ]);
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
      counts: { read: 9, inserted: 7, updated: 0, unchanged: 0, rejected: 2 },
      importedBy: actor,
    });
  });

  it('changes nothing when the same file is imported again, and updates only a changed row', async () => {
    await importDirectory.execute(bytesOf(goodFile), command());
    const before = await storedRecords();

    const again = await importDirectory.execute(bytesOf(goodFile), command());
    expect(again.counts).toEqual({
      read: 9,
      inserted: 0,
      updated: 0,
      unchanged: 7,
      rejected: 2,
      warnings: 2,
    });
    expect(await storedRecords()).toEqual(before);

    const changed = goodFile.replace('Flo', 'Florence');
    const third = await importDirectory.execute(bytesOf(changed), command());
    expect(third.counts).toMatchObject({ inserted: 0, updated: 1, unchanged: 6, rejected: 2 });
    const after = await storedRecords();
    expect(
      after.filter((row, index) => row.version !== before[index]!.version).map((row) => row.account_id),
    ).toEqual(['L-8']);
    expect(after.find((row) => row.account_id === 'L-8')?.import_id).toBe(third.id);
  });

  it('imports a file whose header has only some columns, recording which known ones it lacked', async () => {
    const report = await importDirectory.execute(
      bytesOf('id,emails,given_name\r\nP-1,pat@mail.example:verified,Pat\r\n'),
      command(),
    );
    expect(report.counts).toMatchObject({ read: 1, inserted: 1, rejected: 0, warnings: 0 });
    expect(report.missingColumns).toContain('partner_linked');
    expect(report.missingColumns).not.toContain('given_name');
    const [record] = await new PgDirectoryRecords(dataSource).loadAll('legacy');
    expect(record).toMatchObject({ id: 'P-1', givenName: 'Pat', partnerLinked: false });
    const [row] = await dataSource.query(`SELECT missing_columns FROM directory_import WHERE id = $1`, [
      report.id,
    ]);
    expect(row.missing_columns).toEqual(report.missingColumns);
  });

  it('stores declared extra attributes with the record, reads them back, and re-imports them unchanged', async () => {
    const withAttributes = new ImportDirectory(new PgDirectoryImportStore(dataSource), clock, {
      ...testImportSettings,
      extraAttributes: ['loyalty_number', 'branch'],
    });
    const file = 'id,given_name,loyalty_number,branch\r\nX-1,Xan,00042,north\r\nX-2,Yul,,\r\n';
    const first = await withAttributes.execute(bytesOf(file), command());
    expect(first.counts).toMatchObject({ inserted: 2, rejected: 0, warnings: 0 });
    const records = await new PgDirectoryRecords(dataSource).loadAll('legacy');
    expect(records.map((record) => record.attributes)).toEqual([
      { branch: 'north', loyalty_number: '00042' },
      undefined,
    ]);
    const before = await storedRecords();

    const again = await withAttributes.execute(bytesOf(file), command());
    expect(again.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    expect(await storedRecords()).toEqual(before);

    const moved = await withAttributes.execute(bytesOf(file.replace('north', 'south')), command());
    expect(moved.counts).toMatchObject({ updated: 1, unchanged: 1 });
    const [moved1] = await new PgDirectoryRecords(dataSource).loadAll('legacy');
    expect(moved1?.attributes).toEqual({ branch: 'south', loyalty_number: '00042' });
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
      /^the header row \(line 1\) has unknown columns: "account", "mail" are neither directory columns nor a declared extra attribute \(declared: none\); no "id" column\. /,
    );
    expect(await storedRecords()).toEqual([]);
  });

  it('refuses an NDJSON file with an undeclared key halfway, writing none of it', async () => {
    const lines = Array.from({ length: 5 }, (_, index) => `{"id":"N-${index}"}`);
    const report = await importDirectory.execute(
      bytesOf(`${lines.join('\n')}\n{"id":"N-9","nickname":"Ned"}\n`),
      {
        ...command('legacy.ndjson'),
        format: 'ndjson',
      },
    );
    expect(report.status).toBe('refused');
    expect(report.refusal).toMatch(/^line 6 has unknown key: "nickname" is neither a directory column/);
    expect(await storedRecords()).toEqual([]);
  });

  it('counts every rejection but stores only up to the limit', async () => {
    const limited = new ImportDirectory(new PgDirectoryImportStore(dataSource), clock, {
      ...testImportSettings,
      storedRejectionLimit: 2,
      reportedRejectionLimit: 3,
    });
    const bad = csvFile(
      ...Array.from({ length: 7 }, (_, index) => csvLine({ id: '', given_name: `R-${index}` })),
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

  it('counts every warning but stores and answers only up to the limits, paged in order', async () => {
    const limited = new ImportDirectory(new PgDirectoryImportStore(dataSource), clock, {
      ...testImportSettings,
      storedWarningLimit: 4,
      reportedWarningLimit: 2,
    });
    const file = csvFile(
      ...Array.from({ length: 5 }, (_, index) => csvLine({ id: `W-${index}`, emails: 'nope', roles: '' })),
      csvLine({ id: 'W-0', social_only: 'perhaps' }),
    );
    const report = await limited.execute(bytesOf(file), command());
    expect(report.counts).toMatchObject({ inserted: 5, rejected: 1, warnings: 5 });
    expect(report.warnings.map((warning) => warning.line)).toEqual([2, 3]);
    expect((await storedWarnings(report.id)).map((warning) => [warning.position, warning.line])).toEqual([
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 5],
    ]);
    expect(
      (await new PgDirectoryImportStore(dataSource).warnings(report.id, 2, 10)).map(
        ({ position }) => position,
      ),
    ).toEqual([3, 4]);
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
