import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { fileHeader, formatRecord } from './directory-file-format';
import type { DirectoryFileFormat, DirectoryRecord } from './directory-record';

const CHUNK_CHARACTERS = 1 << 16;

/**
 * Writes records as a directory export the importer reads back: for demos, benchmarks and
 * tests. Streamed: records are formatted as they are iterated and written with backpressure,
 * so a million-record file never sits in memory.
 */
export async function writeDirectoryFile(
  records: Iterable<DirectoryRecord>,
  format: DirectoryFileFormat,
  path: string,
): Promise<{ records: number; bytes: number }> {
  const file = createWriteStream(path);
  const failed = once(file, 'error').then(([error]) => {
    throw error;
  });
  failed.catch(() => undefined);
  const write = async (text: string) => {
    if (!file.write(text)) await Promise.race([once(file, 'drain'), failed]);
  };
  let count = 0;
  let pending = fileHeader(format);
  for (const record of records) {
    pending += formatRecord(record, format);
    count++;
    if (pending.length >= CHUNK_CHARACTERS) {
      await write(pending);
      pending = '';
    }
  }
  await write(pending);
  file.end();
  await Promise.race([once(file, 'finish'), failed]);
  return { records: count, bytes: file.bytesWritten };
}
