import { ensureLocalStack } from '@rekey/testing';
import { Client } from 'pg';
import { unnestRows } from './unnest-rows';

describe('unnestRows against PostgreSQL', () => {
  let client: Client;

  beforeAll(async () => {
    client = new Client({ connectionString: (await ensureLocalStack()).postgresAdminUrl });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
  });

  it('reads back every row as it was written, whatever the texts hold', async () => {
    const rows = [
      { id: 'NULL', score: 1.5, active: true, note: null, at: new Date('2026-01-02T03:04:05.678Z') },
      { id: 'a,b {c} "d" \\e', score: -2e-7, active: false, note: '', at: new Date(0) },
      { id: ' ünïcødé ✓ ', score: 1e21, active: true, note: 'x\ny', at: null },
    ];
    const unnest = unnestRows(
      rows,
      [
        { name: 'id', type: 'text', value: (row) => row.id },
        { name: 'score', type: 'double precision', value: (row) => row.score },
        { name: 'active', type: 'boolean', value: (row) => row.active },
        { name: 'note', type: 'text', value: (row) => row.note },
        { name: 'at', type: 'timestamptz', value: (row) => row.at },
      ],
      'r',
    );
    const { rows: read } = await client.query(`SELECT r.* FROM ${unnest.from}`, unnest.values);
    expect(read).toEqual(rows);
  });

  it('reads back bytes as they were written, a view into a larger buffer included', async () => {
    const pool = Buffer.from([9, 9, 0, 92, 34, 123, 255, 9]);
    const rows = [
      { data: Buffer.from([0, 1, 2, 255]) },
      { data: pool.subarray(2, 7) },
      { data: Buffer.alloc(0) },
    ];
    const unnest = unnestRows(rows, [{ name: 'data', type: 'bytea', value: (row) => row.data }], 'r');
    const { rows: read } = await client.query(`SELECT r.* FROM ${unnest.from}`, unnest.values);
    expect(read.map((row: { data: Buffer }) => [...row.data])).toEqual(rows.map((row) => [...row.data]));
  });
});
