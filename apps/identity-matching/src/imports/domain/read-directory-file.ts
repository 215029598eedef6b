import type { CountryCode } from 'libphonenumber-js/max';
import type { DirectorySide } from '../../directory/domain/directory-record';
import { CsvTokenizer, type CsvRecord } from './csv-records';
import {
  DIRECTORY_COLUMNS,
  isDirectoryColumn,
  OPTIONAL_CSV_COLUMNS,
  type DirectoryColumn,
  type DirectoryFileFormat,
} from './directory-columns';
import { DirectoryFileRefused } from './directory-import.errors';
import { directoryRowValidator, type RowOutcome } from './directory-row';
import { quote } from './field-values';
import { LineSplitter, type TextLine } from './text-lines';
import { decodeUtf8Text } from './utf8-text';

export interface DirectoryFileOptions {
  directory: DirectorySide;
  format: DirectoryFileFormat;
  /** Named in every refusal. */
  fileName: string;
  /** Where numbers without a country code are read when the line has no phone_region. */
  defaultPhoneRegion?: CountryCode | undefined;
}

/** One data line of the file: its record, or why it was rejected. */
export type DirectoryLine = RowOutcome & { line: number };

/**
 * Reads a directory export as it streams in, one line at a time: nothing is read ahead of what
 * the caller consumes. Throws DirectoryFileRefused when the file is not a directory export of
 * the format at all; invalid lines come out as rejections and reading goes on.
 */
export async function* readDirectoryFile(
  bytes: AsyncIterable<Uint8Array>,
  options: DirectoryFileOptions,
): AsyncGenerator<DirectoryLine> {
  const text = decodeUtf8Text(bytes, options.fileName);
  const validate = directoryRowValidator(options.directory, options.defaultPhoneRegion);
  const refuse = (reason: string) => new DirectoryFileRefused(options.fileName, reason);
  yield* options.format === 'csv' ? readCsv(text, validate, refuse) : readNdjson(text, validate, refuse);
}

type Validate = ReturnType<typeof directoryRowValidator>;
type Refuse = (reason: string) => DirectoryFileRefused;

async function* readCsv(text: AsyncIterable<string>, validate: Validate, refuse: Refuse) {
  const tokenizer = new CsvTokenizer();
  let header: DirectoryColumn[] | undefined;
  function* lines(records: Iterable<CsvRecord>): Generator<DirectoryLine> {
    for (const record of records) {
      if (!header) {
        header = headerOf(record, refuse);
        continue;
      }
      if ('problem' in record) {
        yield { line: record.line, rejection: { line: record.line, reason: record.problem } };
      } else if (record.fields.length !== header.length) {
        const reason = `has ${record.fields.length} values; the header has ${header.length} columns`;
        yield { line: record.line, rejection: { line: record.line, reason } };
      } else {
        const row: Record<string, string> = {};
        header.forEach((column, index) => (row[column] = record.fields[index] as string));
        yield { line: record.line, ...validate(record.line, row) };
      }
    }
  }
  for await (const chunk of text) yield* lines(tokenizer.push(chunk));
  yield* lines(tokenizer.end());
  if (!header) throw refuse('it is empty: a CSV export starts with a header row naming its columns');
}

function headerOf(record: CsvRecord, refuse: Refuse): DirectoryColumn[] {
  if ('problem' in record) throw refuse(`its header row cannot be read as CSV: ${record.problem}`);
  const names = record.fields.map((name) => name.trim().toLowerCase());
  const unknown = names.filter((name) => !isDirectoryColumn(name));
  const repeated = names.filter((name, index) => names.indexOf(name) !== index);
  const missing = DIRECTORY_COLUMNS.filter(
    (column) => !OPTIONAL_CSV_COLUMNS.has(column) && !names.includes(column),
  );
  const problems = [
    unknown.length > 0 ? `unknown column${plural(unknown)} ${listed(unknown)}` : '',
    repeated.length > 0 ? `repeated column${plural(repeated)} ${listed(repeated)}` : '',
    missing.length > 0 ? `missing column${plural(missing)} ${listed(missing)}` : '',
  ].filter(Boolean);
  if (problems.length > 0) {
    throw refuse(
      `the header row (line ${record.line}) has ${problems.join('; ')}. ` +
        `A directory CSV names these columns, in any order: ${DIRECTORY_COLUMNS.join(', ')}`,
    );
  }
  return names as DirectoryColumn[];
}

async function* readNdjson(text: AsyncIterable<string>, validate: Validate, refuse: Refuse) {
  const splitter = new LineSplitter();
  let seenObject = false;
  function* lines(textLines: Iterable<TextLine>): Generator<DirectoryLine> {
    for (const textLine of textLines) {
      const { line } = textLine;
      const parsed = 'problem' in textLine ? { problem: textLine.problem } : parseJsonObject(textLine.text);
      if ('object' in parsed) {
        seenObject = true;
        yield { line, ...validate(line, parsed.object) };
      } else if (!seenObject) {
        // The first line decides whether this is NDJSON at all (not, say, a CSV sent as NDJSON).
        throw refuse(
          `line ${line} ${parsed.problem}, so this is not an NDJSON file of one JSON object per line`,
        );
      } else {
        yield { line, rejection: { line, reason: parsed.problem } };
      }
    }
  }
  for await (const chunk of text) yield* lines(splitter.push(chunk));
  yield* lines(splitter.end());
  if (!seenObject) throw refuse('it is empty: an NDJSON export holds one JSON object per line');
}

function parseJsonObject(text: string): { object: Record<string, unknown> } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = (error as Error).message;
    return { problem: `is not valid JSON (${detail.length > 120 ? `${detail.slice(0, 120)}…` : detail})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { problem: 'is not a JSON object' };
  }
  return { object: value as Record<string, unknown> };
}

function plural(names: string[]): string {
  return names.length > 1 ? 's' : '';
}

function listed(names: string[]): string {
  const shown = names.slice(0, 10).map(quote).join(', ');
  return names.length > 10 ? `${shown} and ${names.length - 10} more` : shown;
}
