import { LineSplitter, type TextLine } from './text-lines';

function split(chunks: string[], maxLineLength?: number): TextLine[] {
  const splitter = new LineSplitter(maxLineLength);
  return [...chunks.flatMap((chunk) => [...splitter.push(chunk)]), ...splitter.end()];
}

describe('LineSplitter', () => {
  it('numbers LF and CRLF lines across chunks and skips blank ones', () => {
    expect(split(['{"a":', '1}\r\n\n{"b"', ':2}'])).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 3, text: '{"b":2}' },
    ]);
  });

  it('reports a line longer than the limit once and reads on after it', () => {
    expect(split(['x'.repeat(10), 'y'.repeat(10), 'z\nok\n'], 8)).toEqual([
      { line: 1, problem: 'the line is longer than 8 characters' },
      { line: 2, text: 'ok' },
    ]);
  });
});
