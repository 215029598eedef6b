import { hash, randomBytes } from 'node:crypto';
import { MalformedRecoveryCode } from './recovery-code.errors';
import { newRecoveryCodeSet, normaliseRecoveryCode, recoveryCodeDigest } from './recovery-codes';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const DISPLAY = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

/** Decodes a displayed code back to the bytes it was made of (five bits a character). */
function bytesOf(code: string): Buffer {
  let value = 0n;
  for (const character of code.replace(/-/g, '')) value = (value << 5n) | BigInt(ALPHABET.indexOf(character));
  return Buffer.from(value.toString(16).padStart(20, '0'), 'hex');
}

/** A randomness port that hands out the given chunks in turn and records what it was asked. */
function scripted(chunks: Buffer[]) {
  const asked: number[] = [];
  let next = 0;
  const random = (size: number) => {
    asked.push(size);
    const chunk = chunks[next % chunks.length] as Buffer;
    next += 1;
    return chunk;
  };
  return { random, asked };
}

describe('newRecoveryCodeSet', () => {
  it('gives ten distinct codes shown as XXXX-XXXX-XXXX-XXXX', () => {
    const { codes, digests } = newRecoveryCodeSet(randomBytes);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(DISPLAY);
    expect(digests).toHaveLength(10);
    expect(new Set(digests.map((digest) => digest.toString('hex'))).size).toBe(10);
  });

  it('makes each code of 80 random bits from the randomness port, every bit kept', () => {
    const chunks = Array.from({ length: 10 }, (_, index) => Buffer.alloc(10, index * 25 + 1));
    const { random, asked } = scripted(chunks);
    const { codes } = newRecoveryCodeSet(random);
    expect(asked).toEqual(Array(10).fill(10));
    expect(codes.map(bytesOf)).toEqual(chunks);
  });

  it('spans the whole alphabet from all-zero to all-one bits', () => {
    const { random } = scripted([
      Buffer.alloc(10, 0),
      Buffer.alloc(10, 0xff),
      ...Array.from({ length: 8 }, () => randomBytes(10)),
    ]);
    const { codes } = newRecoveryCodeSet(random);
    expect(codes[0]).toBe('0000-0000-0000-0000');
    expect(codes[1]).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ');
  });

  it('draws again when the randomness repeats a code, so the ten stay distinct', () => {
    const repeated = randomBytes(10);
    const { random, asked } = scripted([
      repeated,
      repeated,
      ...Array.from({ length: 9 }, () => randomBytes(10)),
    ]);
    const { codes } = newRecoveryCodeSet(random);
    expect(new Set(codes).size).toBe(10);
    expect(asked).toHaveLength(11);
  });

  it('refuses a randomness port that keeps repeating itself or gives too few bytes', () => {
    expect(() => newRecoveryCodeSet(() => Buffer.alloc(10))).toThrow(/repeating/);
    expect(() => newRecoveryCodeSet(() => Buffer.alloc(5))).toThrow(RangeError);
  });

  it('uses every character of the alphabet about equally over many codes', () => {
    const counts = new Map<string, number>();
    for (let index = 0; index < 100; index += 1) {
      for (const code of newRecoveryCodeSet(randomBytes).codes) {
        for (const character of code.replace(/-/g, ''))
          counts.set(character, (counts.get(character) ?? 0) + 1);
      }
    }
    // 16,000 characters over 32: 500 expected each; ±150 is beyond five standard deviations.
    expect([...counts.keys()].sort().join('')).toBe(ALPHABET);
    for (const count of counts.values()) expect(Math.abs(count - 500)).toBeLessThan(150);
  });

  it('gives a whole new set each time: no code of one set is in the next', () => {
    const first = newRecoveryCodeSet(randomBytes).codes;
    const second = newRecoveryCodeSet(randomBytes).codes;
    expect(second.filter((code) => first.includes(code))).toEqual([]);
  });
});

describe('normaliseRecoveryCode', () => {
  it('drops dashes and whitespace and uppercases letters', () => {
    expect(normaliseRecoveryCode(' abcd-efgh jkmn\tpqrs ')).toBe('ABCDEFGHJKMNPQRS');
    expect(normaliseRecoveryCode('ABCDEFGHJKMNPQRS')).toBe('ABCDEFGHJKMNPQRS');
  });

  it('reads the letters customers type for confusable digits as those digits', () => {
    expect(normaliseRecoveryCode('OoIi-Ll00-1111-0000')).toBe('0011110011110000');
  });

  it.each([
    ['too short', 'ABCD-EFGH-JKMN-PQR'],
    ['too long', 'ABCD-EFGH-JKMN-PQRST'],
    ['a U, outside the alphabet', 'ABCD-EFGH-JKMN-PQRU'],
    ['punctuation', 'ABCD.EFGH.JKMN.PQRS'],
    ['non-ASCII letters', 'ÀBCD-EFGH-JKMN-PQRS'],
    ['a dotless i that uppercases to I', 'ıBCD-EFGH-JKMN-PQRS'],
    ['nothing', ''],
    ['a huge input', `ABCD-EFGH-JKMN-PQRS${'-'.repeat(10_000)}`],
  ])('refuses %s as malformed', (_, input) => {
    expect(() => normaliseRecoveryCode(input)).toThrow(MalformedRecoveryCode);
  });

  it('refuses without echoing what was typed', () => {
    try {
      normaliseRecoveryCode('SECRETISH-VALUE-XYZ');
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(MalformedRecoveryCode);
      const refusal = error as MalformedRecoveryCode;
      expect(refusal.code).toBe('recovery-code.malformed');
      expect(`${refusal.message} ${refusal.detail}`).not.toContain('SECRETISH');
    }
  });
});

describe('recoveryCodeDigest', () => {
  const code = 'ABCD-EFGH-JKMN-PQRS';

  it('is SHA-256 of the normalised code', () => {
    expect(recoveryCodeDigest(code)).toEqual(hash('sha256', 'ABCDEFGHJKMNPQRS', 'buffer'));
  });

  it('is the same however the code was typed', () => {
    const digest = recoveryCodeDigest(code);
    expect(recoveryCodeDigest('abcdefghjkmnpqrs')).toEqual(digest);
    expect(recoveryCodeDigest(' ABCD EFGH JKMN PQRS ')).toEqual(digest);
  });

  it('is what the set stores for each of its codes', () => {
    const { codes, digests } = newRecoveryCodeSet(randomBytes);
    expect(codes.map(recoveryCodeDigest)).toEqual(digests);
  });

  it('never equals or contains the code', () => {
    const { codes, digests } = newRecoveryCodeSet(randomBytes);
    codes.forEach((shown, index) => {
      const digest = digests[index] as Buffer;
      const plain = shown.replace(/-/g, '');
      expect(digest).toHaveLength(32);
      for (const encoding of ['utf8', 'hex', 'base64', 'latin1'] as const) {
        expect(digest.toString(encoding)).not.toContain(plain);
        expect(digest.toString(encoding)).not.toContain(shown);
      }
      expect(digest.equals(Buffer.from(plain, 'ascii'))).toBe(false);
    });
  });

  it('refuses a malformed code rather than hashing it', () => {
    expect(() => recoveryCodeDigest('not a code')).toThrow(MalformedRecoveryCode);
  });
});
