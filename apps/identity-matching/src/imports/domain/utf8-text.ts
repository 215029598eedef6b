import { DirectoryFileRefused } from './directory-import.errors';

const LINE_FEED = 0x0a;

/**
 * Decodes a byte stream as UTF-8 text, chunk by chunk, or refuses the file whole: a NUL byte
 * means binary data (or UTF-16), an invalid sequence means another encoding, and a UTF-16/32
 * byte order mark says so outright. A UTF-8 byte order mark is dropped. Each refusal names the
 * line and byte offset, so the sender can find what is wrong.
 */
export async function* decodeUtf8Text(
  bytes: AsyncIterable<Uint8Array>,
  fileName: string,
): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const refuse = (reason: string) => new DirectoryFileRefused(fileName, reason);
  let offset = 0;
  let lineFeeds = 0;
  // The trailing bytes of an unfinished character, kept to locate an invalid sequence across chunks.
  let tail: Uint8Array = new Uint8Array(0);
  let head: Uint8Array | undefined = new Uint8Array(0);

  for await (const received of bytes) {
    let chunk: Uint8Array = received;
    if (head) {
      // Byte order marks are up to four bytes long: look at the start only once it is all there.
      head = concat(head, chunk);
      if (head.length < 4) continue;
      refuseForeignByteOrderMark(head, refuse);
      chunk = head;
      head = undefined;
    }
    const nul = chunk.indexOf(0);
    if (nul >= 0) {
      throw refuse(
        `it holds binary data, not text: a NUL byte on line ${lineFeeds + countLineFeeds(chunk, nul) + 1} ` +
          `(byte offset ${offset + nul}); export the directory as UTF-8 CSV or NDJSON`,
      );
    }
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      const window = concat(tail, chunk);
      const bad = Math.max(0, firstInvalidSequence(window));
      throw refuse(
        `it is not UTF-8 text: an invalid byte sequence on line ${lineFeeds + countLineFeeds(window, bad) + 1} ` +
          `(byte offset ${offset - tail.length + bad}); export the directory as UTF-8`,
      );
    }
    tail = unfinishedCharacter(concat(tail, chunk.subarray(Math.max(0, chunk.length - 3))));
    offset += chunk.length;
    lineFeeds += countLineFeeds(chunk, chunk.length);
    if (text.length > 0) yield text;
  }
  if (head && head.length > 0) {
    refuseForeignByteOrderMark(head, refuse);
    if (head.indexOf(0) >= 0) throw refuse('it holds binary data, not text: a NUL byte on line 1');
    const text = decodeOrRefuse(decoder, head, refuse);
    if (text.length > 0) yield text;
  }
  const rest = decodeOrRefuse(decoder, undefined, refuse);
  if (rest.length > 0) yield rest;
}

function decodeOrRefuse(
  decoder: InstanceType<typeof TextDecoder>,
  chunk: Uint8Array | undefined,
  refuse: (reason: string) => DirectoryFileRefused,
): string {
  try {
    return chunk ? decoder.decode(chunk) : decoder.decode();
  } catch {
    return refuseUnfinished(refuse);
  }
}

function refuseUnfinished(refuse: (reason: string) => DirectoryFileRefused): never {
  throw refuse('it is not UTF-8 text: it ends in the middle of a multi-byte character; export it as UTF-8');
}

function refuseForeignByteOrderMark(
  head: Uint8Array,
  refuse: (reason: string) => DirectoryFileRefused,
): void {
  const [a, b, c, d] = head;
  const encoding =
    a === 0xff && b === 0xfe && c === 0 && d === 0
      ? 'UTF-32LE'
      : a === 0 && b === 0 && c === 0xfe && d === 0xff
        ? 'UTF-32BE'
        : a === 0xff && b === 0xfe
          ? 'UTF-16LE'
          : a === 0xfe && b === 0xff
            ? 'UTF-16BE'
            : undefined;
  if (encoding)
    throw refuse(`it is ${encoding} text (it starts with a ${encoding} byte order mark); export it as UTF-8`);
}

function countLineFeeds(bytes: Uint8Array, end: number): number {
  let count = 0;
  for (let at = bytes.indexOf(LINE_FEED); at >= 0 && at < end; at = bytes.indexOf(LINE_FEED, at + 1)) count++;
  return count;
}

function concat(first: Uint8Array, second: Uint8Array): Uint8Array {
  if (first.length === 0) return second;
  const joined = new Uint8Array(first.length + second.length);
  joined.set(first);
  joined.set(second, first.length);
  return joined;
}

/** The bytes at the end that start a character the next chunk finishes (at most three). */
function unfinishedCharacter(bytes: Uint8Array): Uint8Array {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back] as number;
    if ((byte & 0xc0) === 0x80) continue;
    return sequenceLength(byte) > back ? bytes.slice(bytes.length - back) : new Uint8Array(0);
  }
  return new Uint8Array(0);
}

function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Where the first invalid UTF-8 sequence starts (RFC 3629), or -1; an unfinished last character is not invalid. */
export function firstInvalidSequence(bytes: Uint8Array): number {
  let at = 0;
  while (at < bytes.length) {
    const lead = bytes[at] as number;
    const length = sequenceLength(lead);
    if (length === 0) return at;
    for (let next = 1; next < length; next++) {
      if (at + next >= bytes.length) return -1;
      const byte = bytes[at + next] as number;
      const [low, high] = next === 1 ? secondByteRange(lead) : [0x80, 0xbf];
      if (byte < low || byte > high) return at;
    }
    at += length;
  }
  return -1;
}

// Overlong forms, surrogates and code points past U+10FFFF are ruled out by the second byte.
function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}
