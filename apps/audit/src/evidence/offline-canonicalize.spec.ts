import path from 'node:path';
import { canonicalize } from 'json-canonicalize';

// The offline verifier carries its own RFC 8785 implementation, so it needs nothing but Node.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const offline = require(path.resolve(__dirname, '../../../../tools/audit-evidence/verify-evidence.cjs')) as {
  canonicalize(value: unknown): string;
};

/** Deterministic pseudo-random JSON values of the kinds records hold. */
function* values(seed: number, count: number): Generator<unknown> {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const strings = [
    '',
    'a',
    'é',
    'Ω',
    '😀',
    '\u2028',
    'line\nbreak',
    'quote"',
    'back\\slash',
    '\u0001',
    'Zürich',
  ];
  const numbers = [0, -0, 1, -1, 0.1, 1e21, 1e-7, 123456789.123, 2 ** 53, -1.5e-300, 333333333.3333333];
  const make = (depth: number): unknown => {
    const pick = next();
    if (depth > 3 || pick < 0.3) return strings[Math.floor(next() * strings.length)];
    if (pick < 0.45) return numbers[Math.floor(next() * numbers.length)];
    if (pick < 0.5) return next() < 0.5;
    if (pick < 0.55) return null;
    if (pick < 0.75) return Array.from({ length: Math.floor(next() * 4) }, () => make(depth + 1));
    const object: Record<string, unknown> = {};
    for (let index = 0; index < Math.floor(next() * 5); index++) {
      object[`${strings[Math.floor(next() * strings.length)]}${Math.floor(next() * 100)}`] = make(depth + 1);
    }
    return object;
  };
  for (let index = 0; index < count; index++) yield make(0);
}

describe("the offline verifier's JSON canonicalisation", () => {
  it('gives the same text as the library for many JSON values', () => {
    for (const value of values(42, 5_000)) {
      const parsed = JSON.parse(JSON.stringify(value)) as unknown;
      expect(offline.canonicalize(parsed)).toBe(canonicalize(parsed));
    }
  });

  it('sorts keys by UTF-16 code units, as RFC 8785 asks', () => {
    const value = {
      '\u20ac': 'Euro',
      '\r': 'CR',
      '\ufb33': 'Hebrew',
      '1': 'One',
      '\u0080': 'Control',
      '😀': 'Smiley',
      ö: 'o',
    };
    expect(offline.canonicalize(value)).toBe(canonicalize(value));
  });
});
