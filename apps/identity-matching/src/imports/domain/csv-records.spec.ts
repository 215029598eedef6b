import { CsvTokenizer, type CsvRecord } from './csv-records';

function tokenize(text: string, chunkSize = text.length, maxRecordLength?: number): CsvRecord[] {
  const tokenizer = new CsvTokenizer(maxRecordLength);
  const records: CsvRecord[] = [];
  for (let at = 0; at < text.length; at += chunkSize)
    records.push(...tokenizer.push(text.slice(at, at + chunkSize)));
  records.push(...tokenizer.end());
  return records;
}

describe('CsvTokenizer', () => {
  it('reads LF and CRLF lines alike, with or without a final line break', () => {
    expect(tokenize('a,b\r\nc,d\ne,f')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['c', 'd'] },
      { line: 3, fields: ['e', 'f'] },
    ]);
    expect(tokenize('a,b\r\n')).toEqual([{ line: 1, fields: ['a', 'b'] }]);
  });

  it('reads quoted commas, doubled quotes and line breaks, numbering lines as a text editor does', () => {
    const text = 'id,name\n1,"Smith, ""Jo"""\n2,"two\r\nlines",x\n3,""\n';
    expect(tokenize(text)).toEqual([
      { line: 1, fields: ['id', 'name'] },
      { line: 2, fields: ['1', 'Smith, "Jo"'] },
      { line: 3, fields: ['2', 'two\r\nlines', 'x'] },
      { line: 5, fields: ['3', ''] },
    ]);
  });

  it('gives the same records however the text is split into chunks', () => {
    const text = 'id,name\r\n1,"a,""b""\nc"\r\n\r\n2,plain\r\n3,"end"';
    const whole = tokenize(text);
    for (let size = 1; size < text.length; size++) expect(tokenize(text, size)).toEqual(whole);
  });

  it('skips blank lines but keeps counting them', () => {
    expect(tokenize('a\n\n\r\nb\n')).toEqual([
      { line: 1, fields: ['a'] },
      { line: 4, fields: ['b'] },
    ]);
  });

  it('rejects text after a closing quote on its line and reads on from the next line', () => {
    expect(tokenize('1,"a"b,c\n2,d\n')).toEqual([
      {
        line: 1,
        problem: 'field 2 has text after its closing quote (write a quote inside a quoted field as "")',
      },
      { line: 2, fields: ['2', 'd'] },
    ]);
  });

  it('rejects a quote never closed and reads on from the next line', () => {
    expect(tokenize('1,ok\n2,"never closed\n3,fine\n')).toEqual([
      { line: 1, fields: ['1', 'ok'] },
      { line: 2, problem: 'a quoted field opened on this line is never closed' },
      { line: 3, fields: ['3', 'fine'] },
    ]);
  });

  it('gives up on a record longer than the limit instead of buffering the rest of the file', () => {
    const text = `1,"open\n${'x'.repeat(100)}\n${'2,fine\n'.repeat(30)}`;
    const records = tokenize(text, 16, 64);
    const problem = 'the line is longer than 64 characters (is a quote never closed?)';
    expect(records.slice(0, 3)).toEqual([
      { line: 1, problem },
      { line: 2, problem },
      { line: 3, fields: ['2', 'fine'] },
    ]);
    expect(records).toHaveLength(32);
    expect(records.at(-1)).toEqual({ line: 32, fields: ['2', 'fine'] });
  });
});
