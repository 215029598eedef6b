import { openScratchDataSource } from '@rekey/testing';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { csvFile, csvLine, importMigrations, startImportsApi, tokenFor } from './import-fixture';

describe('the imports API', () => {
  let dataSource: DataSource;
  let app: INestApplication;
  let url: string;
  let token: string;

  beforeAll(async () => {
    ({ dataSource } = await openScratchDataSource('identity_matching_imports_api', importMigrations));
    ({ app, url } = await startImportsApi(dataSource));
    token = await tokenFor(['imports:write']);
  });

  afterAll(async () => {
    await app?.close();
    await dataSource?.destroy();
  });

  /** Sends the body as a stream of chunks, as the CLI does with a file. */
  const upload = (query: string, chunks: Array<string | Uint8Array>, contentType: string, bearer = token) =>
    fetch(`${url}/operator/imports?${query}`, {
      method: 'POST',
      headers: { 'content-type': contentType, authorization: `Bearer ${bearer}` },
      body: new ReadableStream<Uint8Array>({
        start(controller) {
          for (const chunk of chunks)
            controller.enqueue(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
  const get = (path: string) => fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });

  it('imports a streamed CSV upload and answers the counts, rejections and warnings', async () => {
    const file = csvFile(
      csvLine({ id: 'A-1', emails: 'a@mail.example:verified' }),
      csvLine({ id: 'A-2', phones: '12345', date_of_birth: '1945-04-93' }),
      csvLine({ id: 'A-3', social_only: 'true' }),
      csvLine({ id: '' }),
    );
    const response = await upload(
      'directory=legacy&format=csv&fileName=exports/legacy.csv',
      [file.slice(0, 100), file.slice(100)],
      'text/csv; charset=utf-8',
    );
    expect(response.status).toBe(201);
    const report = (await response.json()) as {
      id: string;
      status: string;
      fileName: string;
      counts: object;
    };
    const warnings = [
      { line: 3, field: 'phones', reason: 'entry 1 left out: not a valid phone number in region GB' },
      { line: 3, field: 'date_of_birth', reason: '"1945-04-93" is not a calendar date written YYYY-MM-DD' },
    ];
    expect(report).toMatchObject({
      status: 'completed',
      fileName: 'legacy.csv',
      directory: 'legacy',
      importedBy: 'identity-team@rekey.example',
      counts: { read: 4, inserted: 3, updated: 0, unchanged: 0, rejected: 1, warnings: 2 },
      missingColumns: [],
      rejections: [{ line: 5, field: 'id', reason: 'is empty; every line needs the account id' }],
      warnings,
    });

    const found = await get(`/operator/imports/${report.id}`);
    expect(await found.json()).toMatchObject({
      id: report.id,
      status: 'completed',
      counts: report.counts,
      missingColumns: [],
    });
    const rejections = await get(`/operator/imports/${report.id}/rejections?after=0&limit=1`);
    expect(await rejections.json()).toEqual({
      importId: report.id,
      rejections: [{ line: 5, field: 'id', reason: 'is empty; every line needs the account id' }],
      next: 5,
    });
    const firstPage = await (await get(`/operator/imports/${report.id}/warnings?limit=1`)).json();
    expect(firstPage).toEqual({ importId: report.id, warnings: [warnings[0]], next: 1 });
    const secondPage = await (await get(`/operator/imports/${report.id}/warnings?after=1&limit=1`)).json();
    expect(secondPage).toEqual({ importId: report.id, warnings: [warnings[1]], next: 2 });
  });

  it('imports a CSV with only some columns and names the known columns it lacked', async () => {
    const response = await upload('directory=legacy', ['id,given_name\nS-1,Sam\n'], 'text/csv');
    expect(response.status).toBe(201);
    const report = (await response.json()) as { missingColumns: string[] };
    expect(report).toMatchObject({ counts: { read: 1, inserted: 1, rejected: 0, warnings: 0 } });
    expect(report.missingColumns).toEqual(expect.arrayContaining(['emails', 'partner_linked']));
  });

  it('refuses a CSV naming an undeclared column with a problem document naming it', async () => {
    const response = await upload('directory=legacy', ['id,nickname\nS-1,Sammy\n'], 'text/csv');
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      code: 'directory-import.file-refused',
      detail: expect.stringContaining(
        '"nickname" is neither a directory column nor a declared extra attribute',
      ),
    });
  });

  it('imports NDJSON into the target directory', async () => {
    const response = await upload(
      'directory=target',
      [
        '{"id":"T-1","emails":[{"value":"t@mail.example","verified":true}]}\n{"id":"T-2","mfa_methods":["totp"]}\n',
      ],
      'application/x-ndjson',
    );
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      format: 'ndjson',
      fileName: 'target.ndjson',
      counts: { read: 2, inserted: 2, rejected: 0 },
    });
  });

  it('refuses a binary file whole with a problem document naming the file and what was found', async () => {
    const response = await upload(
      'directory=legacy&fileName=photo.png',
      [Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]), 'x'.repeat(200_000)],
      'text/csv',
    );
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await response.json()) as { code: string; detail: string };
    expect(problem.code).toBe('directory-import.file-refused');
    expect(problem.detail).toMatch(
      /^photo\.png was refused whole and nothing of it was imported \(import [0-9a-f-]{36}\): it holds binary data, not text: a NUL byte on line 3 \(byte offset 8\)/,
    );
    const importId = /import ([0-9a-f-]{36})/.exec(problem.detail)![1];
    expect(await (await get(`/operator/imports/${importId}`)).json()).toMatchObject({ status: 'refused' });
  });

  it('refuses a body that is not a directory file type, and a format that disagrees with it', async () => {
    const json = await upload('directory=legacy', ['{}'], 'application/json');
    expect(json.status).toBe(415);
    expect(await json.json()).toMatchObject({ code: 'directory-import.unsupported-media-type' });
    const mismatch = await upload('directory=legacy&format=ndjson', ['id\n'], 'text/csv');
    expect(mismatch.status).toBe(415);
  });

  it('names the invalid query parameters', async () => {
    const response = await upload('directory=payroll', ['id\n'], 'text/csv');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ field: 'directory' }] });
  });

  it('needs a token with the imports:write scope', async () => {
    expect((await upload('directory=legacy', ['id\n'], 'text/csv', 'not-a-token')).status).toBe(401);
    const reviewer = await tokenFor(['review:read']);
    expect((await upload('directory=legacy', ['id\n'], 'text/csv', reviewer)).status).toBe(403);
  });

  it("lets an upload run longer than Node's default five-minute request timeout", () => {
    expect((app.getHttpServer() as { requestTimeout: number }).requestTimeout).toBe(1_800_000);
  });

  it('answers 404 for an unknown import', async () => {
    const response = await get('/operator/imports/0199a3c4-0000-7000-8000-000000000000');
    expect(response.status).toBe(404);
  });
});
