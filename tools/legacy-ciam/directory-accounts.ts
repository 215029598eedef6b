/**
 * Reads the account ids of a legacy directory export in identity-matching's import format (CSV
 * with a header naming an `id` column, or NDJSON objects with an `id`), as the demo writes it with
 * @rekey/synthetic-directories. Streamed: a million-account export never sits in memory as text.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export async function readDirectoryAccountIds(file: string): Promise<string[]> {
  return file.endsWith('.ndjson') || file.endsWith('.jsonl') ? readNdjsonIds(file) : readCsvIds(file);
}

async function readNdjsonIds(file: string): Promise<string[]> {
  const ids: string[] = [];
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    line++;
    if (text.trim() === '') continue;
    const id = (JSON.parse(text) as { id?: unknown }).id;
    if (typeof id !== 'string' || id === '') throw new Error(`${file}:${line}: no id`);
    ids.push(id);
  }
  return ids;
}

async function readCsvIds(file: string): Promise<string[]> {
  const ids: string[] = [];
  let idColumn = -1;
  for await (const record of csvRecords(createReadStream(file, 'utf8'))) {
    if (idColumn < 0) {
      idColumn = record.indexOf('id');
      if (idColumn < 0) throw new Error(`${file}: the header names no id column`);
      continue;
    }
    const id = record[idColumn];
    if (id) ids.push(id);
  }
  return ids;
}

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
export async function* csvRecords(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<string[]> {
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let quoteSeen = false;
  let fieldStarted = false;
  for await (const chunk of chunks) {
    for (const character of String(chunk)) {
      if (quoted) {
        if (quoteSeen) {
          quoteSeen = false;
          if (character === '"') {
            field += '"';
            continue;
          }
          quoted = false;
        } else if (character === '"') {
          quoteSeen = true;
          continue;
        } else {
          field += character;
          continue;
        }
      }
      if (character === '"' && !fieldStarted) {
        quoted = true;
        fieldStarted = true;
      } else if (character === ',') {
        record.push(field);
        field = '';
        fieldStarted = false;
      } else if (character === '\n') {
        record.push(field.endsWith('\r') ? field.slice(0, -1) : field);
        if (record.length > 1 || record[0] !== '') yield record;
        record = [];
        field = '';
        fieldStarted = false;
      } else {
        field += character;
        fieldStarted = true;
      }
    }
  }
  if (fieldStarted || record.length > 0) {
    record.push(field);
    yield record;
  }
}
