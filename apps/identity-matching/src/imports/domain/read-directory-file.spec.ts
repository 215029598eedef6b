import { DIRECTORY_COLUMNS } from './directory-columns';
import { DirectoryFileRefused } from './directory-import.errors';
import { readDirectoryFile, type DirectoryLine } from './read-directory-file';

const HEADER = DIRECTORY_COLUMNS.filter((column) => column !== 'phone_region').join(',');
const emptyValues = (count: number) => ','.repeat(count);
// id, emails, then the 16 other columns empty.
const line = (id: string, emails: string) => `${id},${emails}${emptyValues(DIRECTORY_COLUMNS.length - 3)}`;

async function* bytes(...chunks: Array<string | Uint8Array>): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
}

async function read(
  format: 'csv' | 'ndjson',
  ...chunks: Array<string | Uint8Array>
): Promise<DirectoryLine[]> {
  const lines: DirectoryLine[] = [];
  for await (const item of readDirectoryFile(bytes(...chunks), {
    directory: 'target',
    format,
    fileName: 'target.csv',
  }))
    lines.push(item);
  return lines;
}

async function refusalOf(format: 'csv' | 'ndjson', ...chunks: string[]): Promise<string> {
  try {
    await read(format, ...chunks);
  } catch (error) {
    if (error instanceof DirectoryFileRefused) return error.reason;
    throw error;
  }
  throw new Error('not refused');
}

const idsOf = (lines: DirectoryLine[]) =>
  lines.map((item) => ('record' in item ? `${item.line}:${item.record.id}` : `${item.line}:rejected`));

describe('readDirectoryFile, CSV', () => {
  it('reads a file with a byte order mark and CRLF line ends, header columns in any order and case', async () => {
    const header = ['Emails', ...HEADER.split(',').filter((column) => column !== 'emails')].join(',');
    const text = `\uFEFF${header}\r\nbob@example.com:verified,T-1${emptyValues(DIRECTORY_COLUMNS.length - 3)}\r\n`;
    const [first, ...rest] = await read('csv', text);
    expect(rest).toEqual([]);
    expect(first).toMatchObject({
      line: 2,
      record: { side: 'target', id: 'T-1', emails: [{ value: 'bob@example.com', verified: true }] },
    });
  });

  it('rejects bad lines with their line number and reads every other line', async () => {
    const lines = await read(
      'csv',
      `${HEADER}\n${line('T-1', 'a@x.example')}\n${line('T-2', 'bob@')}\nT-3,too,few\n${line('T-4', '"quoted, ""odd"" value"')}\n${line('T-5', 'e@x.example')}\n`,
    );
    expect(idsOf(lines)).toEqual(['2:T-1', '3:rejected', '4:rejected', '5:rejected', '6:T-5']);
    expect(lines[1]).toEqual({
      line: 3,
      rejection: { line: 3, field: 'emails', reason: '"bob@" is not an email address' },
    });
    expect(lines[2]).toEqual({
      line: 4,
      rejection: { line: 4, reason: 'has 3 values; the header has 18 columns' },
    });
    expect(lines[3]).toMatchObject({
      rejection: { field: 'emails', reason: '"quoted, \\"odd\\" value" is not an email address' },
    });
  });

  it('refuses a header with unknown and missing columns, naming them', async () => {
    const header = HEADER.replace('emails', 'email').replace(',social_only', '');
    expect(await refusalOf('csv', `${header}\n`)).toBe(
      'the header row (line 1) has unknown column "email"; missing columns "emails", "social_only". ' +
        `A directory CSV names these columns, in any order: ${DIRECTORY_COLUMNS.join(', ')}`,
    );
  });

  it('refuses a header naming a column twice', async () => {
    expect(await refusalOf('csv', `${HEADER},id\n`)).toMatch(
      /^the header row \(line 1\) has repeated column "id"\./,
    );
  });

  it('refuses an NDJSON file sent as CSV', async () => {
    expect(await refusalOf('csv', '{"id":"T-1","emails":"a@x.example"}\n')).toBe(
      'its header row cannot be read as CSV: field 2 has text after its closing quote (write a quote inside a quoted field as "")',
    );
  });

  it('refuses an empty file, and imports nothing from a header alone', async () => {
    expect(await refusalOf('csv', '')).toBe(
      'it is empty: a CSV export starts with a header row naming its columns',
    );
    expect(await read('csv', `${HEADER}\r\n`)).toEqual([]);
  });

  it('refuses a binary file before yielding anything from it', async () => {
    const lines: DirectoryLine[] = [];
    const reading = (async () => {
      for await (const item of readDirectoryFile(
        bytes(`${HEADER}\n${line('T-1', '')}\n`, Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0])),
        {
          directory: 'target',
          format: 'csv',
          fileName: 'target.csv',
        },
      ))
        lines.push(item);
    })();
    await expect(reading).rejects.toThrow(DirectoryFileRefused);
    // The first chunk's line came out before the binary chunk arrived; the importer rolls it back.
    expect(idsOf(lines)).toEqual(['2:T-1']);
  });
});

describe('readDirectoryFile, NDJSON', () => {
  it('reads one object per line with the column names as keys', async () => {
    const lines = await read(
      'ndjson',
      '{"id":"T-1","emails":[{"value":"A@x.example","verified":true}],"partner_linked":true}\r\n',
      '\n{"id":"T-2"}',
    );
    expect(lines).toEqual([
      {
        line: 1,
        record: expect.objectContaining({
          id: 'T-1',
          emails: [{ value: 'a@x.example', verified: true }],
          partnerLinked: true,
        }),
      },
      { line: 3, record: expect.objectContaining({ id: 'T-2', emails: [] }) },
    ]);
  });

  it('rejects a later line that is not a JSON object, and reads on', async () => {
    const lines = await read('ndjson', '{"id":"T-1"}\n{"id":\n[1]\n{"id":"T-4","given":"x"}\n{"id":"T-5"}\n');
    expect(idsOf(lines)).toEqual(['1:T-1', '2:rejected', '3:rejected', '4:rejected', '5:T-5']);
    expect(lines[1]).toMatchObject({
      rejection: { line: 2, reason: expect.stringMatching(/^is not valid JSON \(/) },
    });
    expect(lines[2]).toEqual({ line: 3, rejection: { line: 3, reason: 'is not a JSON object' } });
    expect(lines[3]).toEqual({
      line: 4,
      rejection: { line: 4, field: 'given', reason: '"given" is not a directory column' },
    });
  });

  it('refuses a file whose first line is not a JSON object', async () => {
    expect(await refusalOf('ndjson', `${HEADER}\n`)).toMatch(
      /^line 1 is not valid JSON \(.*\), so this is not an NDJSON file of one JSON object per line$/,
    );
    expect(await refusalOf('ndjson', '\n\n')).toBe(
      'it is empty: an NDJSON export holds one JSON object per line',
    );
  });
});
