import { mkdtempSync, createReadStream, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeDirectoryFile } from '@rekey/synthetic-directories';
import type { DirectoryRecord } from '../directory/domain/directory-record';
import { readDirectoryFile } from './domain/read-directory-file';
import { aFullRecord } from './directory-file.fixture';

describe('directory files written by @rekey/synthetic-directories', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'directory-file-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  const records: DirectoryRecord[] = [
    aFullRecord('L-1'),
    aFullRecord('L-2', { emails: [], phones: [], address: undefined, createdAt: undefined, roles: [] }),
    {
      side: 'legacy',
      id: 'L-3',
      emails: [],
      phones: [],
      roles: [],
      partnerLinked: false,
      socialProviders: [],
      mfaMethods: [],
      socialOnly: true,
    },
  ];

  it.each(['csv', 'ndjson'] as const)(
    'writes %s that the importer reads back as the same records',
    async (format) => {
      const file = path.join(folder, `legacy.${format}`);
      const written = await writeDirectoryFile(records, format, file);
      expect(written.records).toBe(3);
      const read: DirectoryRecord[] = [];
      for await (const line of readDirectoryFile(createReadStream(file, { highWaterMark: 64 }), {
        directory: 'legacy',
        format,
        fileName: `legacy.${format}`,
      })) {
        if ('missingColumns' in line) continue;
        if ('rejection' in line) throw new Error(`line ${line.line}: ${line.rejection.reason}`);
        expect(line.warnings).toEqual([]);
        read.push(line.record);
      }
      expect(read).toEqual(records.map((record) => JSON.parse(JSON.stringify(record), reviveDates)));
    },
  );
});

// Records compare with undefined fields left out, as they are after a round trip.
function reviveDates(key: string, value: unknown): unknown {
  return (key === 'createdAt' || key === 'lastLoginAt') && typeof value === 'string'
    ? new Date(value)
    : value;
}
