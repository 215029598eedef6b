import type { CountryCode } from 'libphonenumber-js/max';
import type { DirectorySide } from '../../directory/domain/directory-record';
import { CsvTokenizer, type CsvRecord } from './csv-records';
import {
  DIRECTORY_COLUMNS,
  isDirectoryColumn,
  missingColumns,
  REQUIRED_COLUMN,
  type DirectoryColumn,
  type DirectoryFileFormat,
} from './directory-columns';
import { DirectoryFileRefused } from './directory-import.errors';
import { directoryRowValidator, type RowOutcome } from './directory-row';
import { unknownNamesReason } from './extra-attributes';
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
  /** Names beyond the directory columns the file may use; any other name refuses the file. */
  extraAttributes?: readonly string[];
}

/** One data line of the file: its record and warnings, or why it was rejected. */
export type DirectoryLine = RowOutcome & { line: number };

/** Said once, after the last line: the known columns the file never named. */
export interface DirectoryFileColumns {
  missingColumns: DirectoryColumn[];
}

export type DirectoryFileItem = DirectoryLine | DirectoryFileColumns;

/**
 * Reads a directory export as it streams in, one line at a time: nothing is read ahead of what
 * the caller consumes. Throws DirectoryFileRefused when the file is not a directory export of
 * the format at all, or names a column (CSV) or key (NDJSON) that is neither a directory column
 * nor a declared extra attribute; a line without a usable account id comes out as a rejection,
 * values that cannot be read as warnings, and reading goes on. Ends with the missing columns.
 */
export async function* readDirectoryFile(
  bytes: AsyncIterable<Uint8Array>,
  options: DirectoryFileOptions,
): AsyncGenerator<DirectoryFileItem> {
  const text = decodeUtf8Text(bytes, options.fileName);
  const extraAttributes = options.extraAttributes ?? [];
  const file: FileReading = {
    validate: directoryRowValidator({
      side: options.directory,
      defaultPhoneRegion: options.defaultPhoneRegion,
      extraAttributes,
    }),
    isKnown: (name) => isDirectoryColumn(name) || extraAttributes.includes(name),
    unknownReason: (names) => unknownNamesReason(names, extraAttributes),
    refuse: (reason) => new DirectoryFileRefused(options.fileName, reason),
  };
  yield* options.format === 'csv' ? readCsv(text, file) : readNdjson(text, file);
}

interface FileReading {
  validate: ReturnType<typeof directoryRowValidator>;
  isKnown: (name: string) => boolean;
  unknownReason: (names: string[]) => string;
  refuse: (reason: string) => DirectoryFileRefused;
}

async function* readCsv(text: AsyncIterable<string>, file: FileReading): AsyncGenerator<DirectoryFileItem> {
  const { validate, refuse } = file;
  const tokenizer = new CsvTokenizer();
  let header: string[] | undefined;
  function* lines(records: Iterable<CsvRecord>): Generator<DirectoryLine> {
    for (const record of records) {
      if (!header) {
        header = headerOf(record, file);
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
  yield { missingColumns: missingColumns(new Set(header)) };
}

function headerOf(record: CsvRecord, file: FileReading): string[] {
  if ('problem' in record) throw file.refuse(`its header row cannot be read as CSV: ${record.problem}`);
  const names = record.fields.map((name) => name.trim().toLowerCase());
  const unknown = names.filter((name) => !file.isKnown(name));
  const repeated = names.filter((name, index) => names.indexOf(name) !== index);
  const problems = [
    unknown.length > 0 ? `unknown column${plural(unknown)}: ${file.unknownReason(unknown)}` : '',
    repeated.length > 0 ? `repeated column${plural(repeated)} ${listed(repeated)}` : '',
    names.includes(REQUIRED_COLUMN) ? '' : `no "${REQUIRED_COLUMN}" column`,
  ].filter(Boolean);
  if (problems.length > 0) {
    throw file.refuse(
      `the header row (line ${record.line}) has ${problems.join('; ')}. ` +
        `A directory CSV names the id column and any of the others, in any order: ${DIRECTORY_COLUMNS.join(', ')}`,
    );
  }
  return names;
}

async function* readNdjson(
  text: AsyncIterable<string>,
  file: FileReading,
): AsyncGenerator<DirectoryFileItem> {
  const { validate, refuse } = file;
  const splitter = new LineSplitter();
  let seenObject = false;
  const seenKeys = new Set<string>();
  function* lines(textLines: Iterable<TextLine>): Generator<DirectoryLine> {
    for (const textLine of textLines) {
      const { line } = textLine;
      const parsed = 'problem' in textLine ? { problem: textLine.problem } : parseJsonObject(textLine.text);
      if ('object' in parsed) {
        seenObject = true;
        const keys = Object.keys(parsed.object);
        const unknown = keys.filter((key) => !file.isKnown(key));
        // Refused as a CSV header naming the column would be: the same export must fare the same in either format.
        if (unknown.length > 0) {
          throw refuse(
            `line ${line} has unknown key${plural(unknown)}: ${file.unknownReason(unknown)}. ` +
              `An NDJSON export uses these keys: ${DIRECTORY_COLUMNS.join(', ')}`,
          );
        }
        for (const key of keys) seenKeys.add(key);
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
  yield { missingColumns: missingColumns(seenKeys) };
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
