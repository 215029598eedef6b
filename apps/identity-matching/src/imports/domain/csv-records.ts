/**
 * An RFC 4180 tokenizer fed text in chunks. It yields each record with the line it starts on;
 * quoted fields may hold commas, doubled quotes and line breaks. Lines end in LF or CRLF. A
 * record that cannot be read (a quote never closed, text after a closing quote) is reported on
 * its first line and reading resumes on the next line, so one bad line never costs the rest.
 */
export type CsvRecord = { line: number; fields: string[] } | { line: number; problem: string };

const QUOTE = 34;
const COMMA = 44;
const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;

type Scan =
  | { kind: 'record'; fields: string[]; end: number; lines: number }
  | { kind: 'incomplete' }
  | { kind: 'problem'; problem: string };

export class CsvTokenizer {
  private text = '';
  private line = 1;
  /** Dropping the rest of a rejected line whose end has not arrived yet. */
  private skipping = false;

  /** `maxRecordLength` bounds memory when a quote is never closed: the record is rejected instead. */
  constructor(private readonly maxRecordLength = 1 << 20) {}

  *push(chunk: string): Generator<CsvRecord> {
    this.text += chunk;
    yield* this.drain(false);
  }

  *end(): Generator<CsvRecord> {
    yield* this.drain(true);
    this.text = '';
  }

  private *drain(final: boolean): Generator<CsvRecord> {
    let start = 0;
    if (this.skipping) {
      const lineFeed = this.text.indexOf('\n');
      if (lineFeed < 0) {
        this.text = '';
        return;
      }
      this.skipping = false;
      start = lineFeed + 1;
    }
    while (start < this.text.length) {
      const scan = scanRecord(this.text, start, final);
      if (scan.kind === 'incomplete') {
        if (this.text.length - start <= this.maxRecordLength) break;
        yield {
          line: this.line,
          problem: `the line is longer than ${this.maxRecordLength} characters (is a quote never closed?)`,
        };
        start = this.nextLineStart(start);
        continue;
      }
      if (scan.kind === 'problem') {
        yield { line: this.line, problem: scan.problem };
        start = this.nextLineStart(start);
        continue;
      }
      if (!isBlank(scan.fields)) yield { line: this.line, fields: scan.fields };
      this.line += scan.lines;
      start = scan.end;
    }
    this.text = this.text.slice(start);
  }

  /** After a problem, reading resumes on the line after the record's first line. */
  private nextLineStart(start: number): number {
    const lineFeed = this.text.indexOf('\n', start);
    this.line += 1;
    if (lineFeed >= 0) return lineFeed + 1;
    this.skipping = true;
    return this.text.length;
  }
}

function isBlank(fields: string[]): boolean {
  return fields.length === 1 && fields[0] === '';
}

function scanRecord(text: string, start: number, final: boolean): Scan {
  const fields: string[] = [];
  let at = start;
  let lines = 0;
  for (;;) {
    if (text.charCodeAt(at) === QUOTE) {
      let value = '';
      let from = at + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote < 0) {
          return final
            ? { kind: 'problem', problem: 'a quoted field opened on this line is never closed' }
            : { kind: 'incomplete' };
        }
        if (quote + 1 >= text.length && !final) return { kind: 'incomplete' };
        value += text.slice(from, quote);
        if (text.charCodeAt(quote + 1) === QUOTE) {
          value += '"';
          from = quote + 2;
          continue;
        }
        at = quote + 1;
        break;
      }
      lines += countLineFeeds(value);
      fields.push(value);
    } else {
      let end = at;
      while (end < text.length) {
        const code = text.charCodeAt(end);
        if (code === COMMA || code === LINE_FEED) break;
        end++;
      }
      if (end >= text.length && !final) return { kind: 'incomplete' };
      let value = text.slice(at, end);
      // The CR of a CRLF line end (or of a last line without its LF) is not part of the value.
      if (text.charCodeAt(end) !== COMMA && value.charCodeAt(value.length - 1) === CARRIAGE_RETURN) {
        value = value.slice(0, -1);
      }
      fields.push(value);
      at = end;
    }
    const next = text.charCodeAt(at);
    if (next === COMMA) {
      at++;
      continue;
    }
    if (at >= text.length) {
      if (!final) return { kind: 'incomplete' };
      return { kind: 'record', fields, end: at, lines: lines + 1 };
    }
    if (next === LINE_FEED) return { kind: 'record', fields, end: at + 1, lines: lines + 1 };
    if (next === CARRIAGE_RETURN && text.charCodeAt(at + 1) === LINE_FEED) {
      return { kind: 'record', fields, end: at + 2, lines: lines + 1 };
    }
    if (next === CARRIAGE_RETURN && at + 1 >= text.length) {
      return final ? { kind: 'record', fields, end: at + 1, lines: lines + 1 } : { kind: 'incomplete' };
    }
    return {
      kind: 'problem',
      problem: `field ${fields.length} has text after its closing quote (write a quote inside a quoted field as "")`,
    };
  }
}

function countLineFeeds(value: string): number {
  let count = 0;
  for (let at = value.indexOf('\n'); at >= 0; at = value.indexOf('\n', at + 1)) count++;
  return count;
}
