/**
 * Splits text fed in chunks into numbered lines (LF or CRLF), skipping blank ones. A line longer
 * than `maxLineLength` is reported as a problem and skipped, so one runaway line cannot hold the
 * rest of the file in memory.
 */
export type TextLine = { line: number; text: string } | { line: number; problem: string };

export class LineSplitter {
  private pending = '';
  private line = 1;
  private skipping = false;

  constructor(private readonly maxLineLength = 1 << 20) {}

  *push(chunk: string): Generator<TextLine> {
    this.pending += chunk;
    let start = 0;
    for (
      let lineFeed = this.pending.indexOf('\n');
      lineFeed >= 0;
      lineFeed = this.pending.indexOf('\n', start)
    ) {
      const line = this.take(this.pending.slice(start, lineFeed));
      if (line) yield line;
      start = lineFeed + 1;
    }
    this.pending = this.pending.slice(start);
    if (this.pending.length > this.maxLineLength && !this.skipping) {
      yield { line: this.line, problem: `the line is longer than ${this.maxLineLength} characters` };
      this.skipping = true;
    }
    if (this.skipping) this.pending = '';
  }

  *end(): Generator<TextLine> {
    const line = this.take(this.pending);
    this.pending = '';
    if (line) yield line;
  }

  private take(raw: string): TextLine | undefined {
    const number = this.line++;
    if (this.skipping) {
      this.skipping = false;
      return undefined;
    }
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    return text.trim() === '' ? undefined : { line: number, text };
  }
}
