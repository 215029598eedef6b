import { MAXIMUM_UTF8_BYTES } from '../passwords/domain/password-limits';
import { MalformedPasswordHash } from '../passwords/domain/password-hash.errors';
import { PasswordRefused } from '../passwords/domain/password.errors';
import type { PasswordHasher } from '../passwords/password-hasher.port';

export interface PasswordHasherUnderTest {
  hasher: PasswordHasher;
  /** The same kind of hasher with other parameters, as an older deployment would have had. */
  withOtherParameters: PasswordHasher;
}

const passphrase = 'correct horse battery staple';

/** The stored hash with one character of its last `$` segment (the hash itself) changed. */
export function withTamperedHash(storedHash: string): string {
  const start = storedHash.lastIndexOf('$') + 1;
  const replacement = storedHash[start] === 'A' ? 'B' : 'A';
  return `${storedHash.slice(0, start)}${replacement}${storedHash.slice(start + 1)}`;
}

/** The stored hash with one character of its salt (the segment before the hash) changed. */
export function withTamperedSalt(storedHash: string): string {
  const start = storedHash.lastIndexOf('$', storedHash.lastIndexOf('$') - 1) + 1;
  const replacement = storedHash[start] === 'A' ? 'B' : 'A';
  return `${storedHash.slice(0, start)}${replacement}${storedHash.slice(start + 1)}`;
}

/**
 * What every PasswordHasher does: run against the fake (src/testing) and against argon2id
 * (passwords/adapters). A hash is made once per case, so the real hasher's cost stays a few
 * hundred milliseconds per suite.
 */
export function describePasswordHasherContract(
  name: string,
  setUp: () => PasswordHasherUnderTest,
  timeoutMs = 30_000,
): void {
  describe(`${name} honours the PasswordHasher contract`, () => {
    let hasher: PasswordHasher;
    let withOtherParameters: PasswordHasher;

    beforeEach(() => {
      ({ hasher, withOtherParameters } = setUp());
    });

    it(
      'verifies the password a hash was made from, and refuses any other',
      async () => {
        const stored = await hasher.hash(passphrase);

        expect(stored).not.toContain(passphrase);
        expect(await hasher.verify(stored, passphrase)).toBe(true);
        expect(await hasher.verify(stored, 'correct horse battery stapler')).toBe(false);
        expect(await hasher.verify(stored, 'Correct horse battery staple')).toBe(false);
        expect(await hasher.verify(stored, '')).toBe(false);
      },
      timeoutMs,
    );

    it(
      'salts every hash afresh: the same password twice gives two hashes that both verify',
      async () => {
        const first = await hasher.hash(passphrase);
        const second = await hasher.hash(passphrase);

        expect(first).not.toBe(second);
        expect(await hasher.verify(second, passphrase)).toBe(true);
      },
      timeoutMs,
    );

    it(
      'verifies a password typed with a decomposed "é" against the hash of the composed one, and the reverse',
      async () => {
        const composed = 'caf\u00e9 au lait, sans sucre';
        const decomposed = 'cafe\u0301 au lait, sans sucre';

        expect(await hasher.verify(await hasher.hash(composed), decomposed)).toBe(true);
        expect(await hasher.verify(await hasher.hash(decomposed), composed)).toBe(true);
      },
      timeoutMs,
    );

    it(
      'hashes the NFKC form: full-width letters verify as the ASCII ones they fold to',
      async () => {
        const stored = await hasher.hash('ｓｅｃｒｅｔ ｇａｒｄｅｎ ｐａｔｈ');

        expect(await hasher.verify(stored, 'secret garden path')).toBe(true);
      },
      timeoutMs,
    );

    it(
      'round-trips a password of emoji and spaces',
      async () => {
        const stored = await hasher.hash('🔑 🌍 🐙🏽 👨‍👩‍👧 ✨');

        expect(await hasher.verify(stored, '🔑 🌍 🐙🏽 👨‍👩‍👧 ✨')).toBe(true);
        expect(await hasher.verify(stored, '🔑 🌍 🐙🏿 👨‍👩‍👧 ✨')).toBe(false);
      },
      timeoutMs,
    );

    it(
      'refuses the right password against a hash or a salt that was altered',
      async () => {
        const stored = await hasher.hash(passphrase);

        expect(await hasher.verify(withTamperedHash(stored), passphrase)).toBe(false);
        expect(await hasher.verify(withTamperedSalt(stored), passphrase)).toBe(false);
      },
      timeoutMs,
    );

    it(
      'throws MalformedPasswordHash, naming no content, for a stored string it cannot read',
      async () => {
        const stored = await hasher.hash(passphrase);
        const unreadable = [
          '',
          'correct horse battery staple',
          '$md5$abc$def',
          `${stored}$extra`,
          stored.slice(1),
        ];

        for (const value of unreadable) {
          await expect(hasher.verify(value, passphrase)).rejects.toBeInstanceOf(MalformedPasswordHash);
          expect(() => hasher.needsRehash(value)).toThrow(MalformedPasswordHash);
        }
        const error = await hasher.verify(`${stored}$extra`, passphrase).catch((caught: unknown) => caught);
        expect((error as Error).message).not.toContain(stored.slice(stored.lastIndexOf('$') + 1));
      },
      timeoutMs,
    );

    it(
      'needs no rehash for its own hashes, and a rehash for those made with other parameters, which still verify',
      async () => {
        const current = await hasher.hash(passphrase);
        const older = await withOtherParameters.hash(passphrase);

        expect(hasher.needsRehash(current)).toBe(false);
        expect(hasher.needsRehash(older)).toBe(true);
        expect(await hasher.verify(older, passphrase)).toBe(true);
        expect(await hasher.verify(older, 'not the passphrase at all')).toBe(false);
      },
      timeoutMs,
    );

    it(
      'hashes a password of exactly its byte limit, refuses a longer one, and verifies no longer one',
      async () => {
        const atLimit = 'a'.repeat(MAXIMUM_UTF8_BYTES - 4) + '🔑';
        const stored = await hasher.hash(atLimit);

        expect(await hasher.verify(stored, atLimit)).toBe(true);
        await expect(hasher.hash(`${atLimit}b`)).rejects.toMatchObject({ code: 'password.too-long' });
        await expect(hasher.hash(`${atLimit}b`)).rejects.toBeInstanceOf(PasswordRefused);
        expect(await hasher.verify(stored, `${atLimit}b`)).toBe(false);
        expect(await hasher.verify(stored, 'x'.repeat(1_000_000))).toBe(false);
      },
      timeoutMs,
    );

    it(
      'refuses to hash a lone surrogate, and a password holding one never verifies against U+FFFD',
      async () => {
        await expect(hasher.hash('sixteen chars \ud800 here')).rejects.toMatchObject({
          code: 'password.malformed-text',
        });
        const replacement = await hasher.hash('sixteen chars \ufffd here');

        expect(await hasher.verify(replacement, 'sixteen chars \ud800 here')).toBe(false);
      },
      timeoutMs,
    );
  });
}
