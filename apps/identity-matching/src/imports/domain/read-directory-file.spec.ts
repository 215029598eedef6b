import { DIRECTORY_COLUMNS } from './directory-columns';
import { DirectoryFileRefused } from './directory-import.errors';
import {
  readDirectoryFile,
  type DirectoryFileOptions,
  type DirectoryFileItem,
  type DirectoryLine,
} from './read-directory-file';

const HEADER = DIRECTORY_COLUMNS.filter((column) => column !== 'phone_region').join(',');
const emptyValues = (count: number) => ','.repeat(count);
// id, emails, then the 16 other columns empty.
const line = (id: string, emails: string) => `${id},${emails}${emptyValues(DIRECTORY_COLUMNS.length - 3)}`;

async function* bytes(...chunks: Array<string | Uint8Array>): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
}

async function readItems(
  format: 'csv' | 'ndjson',
  chunks: Array<string | Uint8Array>,
  options: Partial<DirectoryFileOptions> = {},
): Promise<DirectoryFileItem[]> {
  const items: DirectoryFileItem[] = [];
  for await (const item of readDirectoryFile(bytes(...chunks), {
    directory: 'target',
    format,
    fileName: 'target.csv',
    ...options,
  }))
    items.push(item);
  return items;
}

const linesOf = (items: DirectoryFileItem[]) =>
  items.filter((item): item is DirectoryLine => !('missingColumns' in item));

async function read(
  format: 'csv' | 'ndjson',
  ...chunks: Array<string | Uint8Array>
): Promise<DirectoryLine[]> {
  return linesOf(await readItems(format, chunks));
}

async function refusalOf(
  format: 'csv' | 'ndjson',
  text: string,
  options: Partial<DirectoryFileOptions> = {},
): Promise<string> {
  try {
    await readItems(format, [text], options);
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

  it('imports lines with unreadable values, rejecting only lines it cannot read or without an id', async () => {
    const lines = await read(
      'csv',
      `${HEADER}\n${line('T-1', 'a@x.example')}\n${line('T-2', 'bob@')}\nT-3,too,few\n${line('T-4', '"quoted, ""odd"" value"')}\n${line('', 'e@x.example')}\n`,
    );
    expect(idsOf(lines)).toEqual(['2:T-1', '3:T-2', '4:rejected', '5:T-4', '6:rejected']);
    expect(lines[1]).toMatchObject({
      line: 3,
      record: { id: 'T-2', emails: [] },
      warnings: [{ line: 3, field: 'emails', reason: 'entry 1 left out: not an email address' }],
    });
    expect(lines[2]).toEqual({
      line: 4,
      rejection: { line: 4, reason: 'has 3 values; the header has 18 columns' },
    });
    expect(lines[4]).toEqual({
      line: 6,
      rejection: { line: 6, field: 'id', reason: 'is empty; every line needs the account id' },
    });
  });

  it('imports a header with only some columns, reading the others as empty and naming them', async () => {
    const items = await readItems('csv', ['ID,given_name\nT-1,Ann\n']);
    expect(items).toEqual([
      {
        line: 2,
        record: expect.objectContaining({ id: 'T-1', givenName: 'Ann', partnerLinked: false }),
        warnings: [],
      },
      {
        missingColumns: DIRECTORY_COLUMNS.filter(
          (column) => !['id', 'given_name', 'phone_region'].includes(column),
        ),
      },
    ]);
  });

  it('refuses a header with an unknown column, or without the id column, naming them', async () => {
    const header = HEADER.replace('emails', 'email');
    expect(await refusalOf('csv', `${header}\n`)).toBe(
      'the header row (line 1) has unknown column: "email" is neither a directory column nor a declared ' +
        'extra attribute (declared: none). A directory CSV names the id column and any of the others, in ' +
        `any order: ${DIRECTORY_COLUMNS.join(', ')}`,
    );
    expect(await refusalOf('csv', 'emails,given_name\n')).toMatch(
      /^the header row \(line 1\) has no "id" column\./,
    );
  });

  it('keeps a declared extra attribute and refuses one that was not declared', async () => {
    const text = 'id,loyalty_number\nT-1, 0042 \n';
    expect(linesOf(await readItems('csv', [text], { extraAttributes: ['loyalty_number'] }))).toEqual([
      { line: 2, record: expect.objectContaining({ attributes: { loyalty_number: '0042' } }), warnings: [] },
    ]);
    expect(await refusalOf('csv', text, { extraAttributes: ['branch'] })).toMatch(
      /^the header row \(line 1\) has unknown column: "loyalty_number" is neither a directory column nor a declared extra attribute \(declared: branch\)\./,
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
    const lines: DirectoryFileItem[] = [];
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
    expect(idsOf(linesOf(lines))).toEqual(['2:T-1']);
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
        warnings: [],
      },
      { line: 3, record: expect.objectContaining({ id: 'T-2', emails: [] }), warnings: [] },
    ]);
  });

  it('rejects a later line that is not a JSON object, and reads on', async () => {
    const lines = await read('ndjson', '{"id":"T-1"}\n{"id":\n[1]\n{"id":"T-4"}\n');
    expect(idsOf(lines)).toEqual(['1:T-1', '2:rejected', '3:rejected', '4:T-4']);
    expect(lines[1]).toMatchObject({
      rejection: { line: 2, reason: expect.stringMatching(/^is not valid JSON \(/) },
    });
    expect(lines[2]).toEqual({ line: 3, rejection: { line: 3, reason: 'is not a JSON object' } });
  });

  it('refuses a file with a key that is not a column, as a CSV header naming it is refused', async () => {
    expect(await refusalOf('ndjson', '{"id":"T-1"}\n{"id":"T-4","given":"x"}\n')).toBe(
      'line 2 has unknown key: "given" is neither a directory column nor a declared extra attribute ' +
        `(declared: none). An NDJSON export uses these keys: ${DIRECTORY_COLUMNS.join(', ')}`,
    );
  });

  it('keeps a declared extra attribute, and names the columns no line had', async () => {
    const items = await readItems(
      'ndjson',
      ['{"id":"T-1","loyalty_number":"0042"}\n{"id":"T-2","emails":null}\n'],
      { extraAttributes: ['loyalty_number'] },
    );
    expect(items[0]).toMatchObject({ record: { attributes: { loyalty_number: '0042' } } });
    expect(items[2]).toEqual({
      missingColumns: DIRECTORY_COLUMNS.filter(
        (column) => !['id', 'emails', 'phone_region'].includes(column),
      ),
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
