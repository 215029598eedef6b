import { DirectoryFileRefused } from './directory-import.errors';
import { decodeUtf8Text, firstInvalidSequence } from './utf8-text';

async function* chunks(...parts: Array<string | number[]>): AsyncGenerator<Uint8Array> {
  for (const part of parts)
    yield typeof part === 'string' ? Buffer.from(part, 'utf8') : Uint8Array.from(part);
}

async function decode(...parts: Array<string | number[]>): Promise<string> {
  let text = '';
  for await (const piece of decodeUtf8Text(chunks(...parts), 'legacy.csv')) text += piece;
  return text;
}

async function refusal(...parts: Array<string | number[]>): Promise<DirectoryFileRefused> {
  try {
    await decode(...parts);
  } catch (error) {
    if (error instanceof DirectoryFileRefused) return error;
    throw error;
  }
  throw new Error('the file was not refused');
}

describe('decodeUtf8Text', () => {
  it('drops a UTF-8 byte order mark, even when it arrives split across chunks', async () => {
    expect(await decode([0xef], [0xbb, 0xbf], 'id\n1\n')).toBe('id\n1\n');
  });

  it('keeps a character whose bytes are split across chunks', async () => {
    const bytes = [...Buffer.from('é€😀', 'utf8')];
    expect(await decode(bytes.slice(0, 1), bytes.slice(1, 4), bytes.slice(4))).toBe('é€😀');
  });

  it('refuses binary data, naming the file, the line and the offset of the NUL byte', async () => {
    const error = await refusal('id\nabc\n', [0x50, 0x4b, 0x00, 0x01]);
    expect(error.fileName).toBe('legacy.csv');
    expect(error.reason).toBe(
      'it holds binary data, not text: a NUL byte on line 3 (byte offset 9); export the directory as UTF-8 CSV or NDJSON',
    );
  });

  it('refuses Latin-1 text, naming the line and offset of the first invalid byte', async () => {
    const error = await refusal('id,given_name\n1,Ren', [0xe9], '\n');
    expect(error.reason).toBe(
      'it is not UTF-8 text: an invalid byte sequence on line 2 (byte offset 19); export the directory as UTF-8',
    );
  });

  it('locates an invalid sequence that starts at the end of one chunk', async () => {
    const error = await refusal('ab', [0xc3], [0x28]);
    expect(error.reason).toContain('on line 1 (byte offset 2)');
  });

  it('refuses a file cut in the middle of a character', async () => {
    expect((await refusal('abc', [0xe2, 0x82])).reason).toMatch(
      /ends in the middle of a multi-byte character/,
    );
  });

  it('refuses UTF-16 text by its byte order mark', async () => {
    expect((await refusal([0xff, 0xfe, 0x69, 0x00, 0x64, 0x00])).reason).toBe(
      'it is UTF-16LE text (it starts with a UTF-16LE byte order mark); export it as UTF-8',
    );
  });

  it('decodes a file shorter than a byte order mark', async () => {
    expect(await decode('i')).toBe('i');
  });
});

describe('firstInvalidSequence', () => {
  it.each([
    ['an overlong encoding', [0x41, 0xc0, 0xaf], 1],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80], 0],
    ['a stray continuation byte', [0x41, 0x42, 0x80], 2],
    ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
  ])('finds %s', (_name, bytes, at) => {
    expect(firstInvalidSequence(Uint8Array.from(bytes))).toBe(at);
  });

  it('accepts valid text and an unfinished last character', () => {
    expect(firstInvalidSequence(Uint8Array.from([...Buffer.from('añ€'), 0xf0, 0x9f]))).toBe(-1);
  });
});
