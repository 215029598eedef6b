import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateSyntheticDirectories, writeDirectoryFile } from '@rekey/synthetic-directories';
import { AccountStore } from './account-store';
import { csvRecords, readDirectoryAccountIds } from './directory-accounts';
import { seedFromDirectoryFile } from './seeding';

async function records(text: string) {
  const all: string[][] = [];
  async function* chunks() {
    yield text.slice(0, 7);
    yield text.slice(7);
  }
  for await (const record of csvRecords(chunks())) all.push(record);
  return all;
}

describe('reading a legacy directory export', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'legacy-ciam-'));
  const { legacy } = generateSyntheticDirectories({
    people: 60,
    seed: 7,
    now: new Date('2026-11-01T00:00:00Z'),
  });

  it('reads every account id of a CSV export as the demo writes it', async () => {
    const file = path.join(dir, 'legacy.csv');
    await writeDirectoryFile(legacy, 'csv', file);
    expect(await readDirectoryAccountIds(file)).toEqual(legacy.map((record) => record.id));
  });

  it('reads every account id of an NDJSON export', async () => {
    const file = path.join(dir, 'legacy.ndjson');
    await writeDirectoryFile(legacy, 'ndjson', file);
    expect(await readDirectoryAccountIds(file)).toEqual(legacy.map((record) => record.id));
  });

  it('keeps quoted commas, quotes and line breaks inside their field, across chunks', async () => {
    expect(await records('name,id\r\n"a, ""b""\nc",x-1\n\nplain,x-2')).toEqual([
      ['name', 'id'],
      ['a, "b"\nc', 'x-1'],
      ['plain', 'x-2'],
    ]);
  });

  it('seeds each account once, however often the file is seeded', async () => {
    const file = path.join(dir, 'legacy-seed.csv');
    await writeDirectoryFile(legacy, 'csv', file);
    const store = new AccountStore('seed');
    const first = await seedFromDirectoryFile(store, file);
    const again = await seedFromDirectoryFile(store, file);
    expect(first).toMatchObject({ created: legacy.length, existing: 0 });
    expect(again).toMatchObject({ created: 0, existing: legacy.length });
    expect(store.size).toBe(legacy.length);
  });

  it('names a file whose header has no id column', async () => {
    const file = path.join(dir, 'no-id.csv');
    writeFileSync(file, 'name,email\nx,y\n');
    await expect(readDirectoryAccountIds(file)).rejects.toThrow(/no id column/);
  });
});
