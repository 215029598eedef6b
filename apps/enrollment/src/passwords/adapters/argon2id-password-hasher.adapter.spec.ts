import { describePasswordHasherContract } from '../../testing/password-hasher.contract';
import { parseArgon2idPhc } from '../domain/argon2id-phc';
import { MalformedPasswordHash } from '../domain/password-hash.errors';
import { Argon2idPasswordHasher, OWASP_ARGON2ID_PARAMETERS } from './argon2id-password-hasher.adapter';

// Hashing under load on a shared machine: each case hashes a few times at tens of milliseconds.
const timeoutMs = 60_000;

describePasswordHasherContract(
  'Argon2idPasswordHasher',
  () => ({
    hasher: new Argon2idPasswordHasher(),
    // What an older deployment could have stored: cheaper memory, one more pass.
    withOtherParameters: new Argon2idPasswordHasher({
      ...OWASP_ARGON2ID_PARAMETERS,
      memoryKiB: 8_192,
      passes: 3,
    }),
  }),
  timeoutMs,
);

describe('Argon2idPasswordHasher', () => {
  const hasher = new Argon2idPasswordHasher();

  it(
    "stores a PHC string with OWASP's parameters, a 16-byte salt and a 32-byte hash, in unpadded base64",
    async () => {
      const stored = await hasher.hash('correct horse battery staple');

      expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
      const parsed = parseArgon2idPhc(stored);
      expect(parsed).toMatchObject({ memoryKiB: 19_456, passes: 2, parallelism: 1 });
      expect(parsed.salt).toHaveLength(16);
      expect(parsed.tag).toHaveLength(32);
    },
    timeoutMs,
  );

  it(
    "verifies the argon2 reference implementation's own argon2id test vector, and wants it rehashed",
    async () => {
      // phc-winner-argon2's test.c: "password", salt "somesalt", t = 2, m = 64 MiB, p = 1.
      const reference =
        '$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc';

      expect(await hasher.verify(reference, 'password')).toBe(true);
      expect(await hasher.verify(reference, 'Password')).toBe(false);
      expect(hasher.needsRehash(reference)).toBe(true);
    },
    timeoutMs,
  );

  it(
    'refuses, without hashing, a stored string asking for more memory or passes than it verifies',
    async () => {
      const stored = await hasher.hash('correct horse battery staple');
      const greedy = stored.replace('m=19456,t=2', 'm=4294967295,t=2');
      const endless = stored.replace('m=19456,t=2', 'm=19456,t=4000000000');

      await expect(hasher.verify(greedy, 'correct horse battery staple')).rejects.toThrow(
        MalformedPasswordHash,
      );
      await expect(hasher.verify(endless, 'correct horse battery staple')).rejects.toThrow(
        MalformedPasswordHash,
      );
    },
    timeoutMs,
  );

  it(
    'hashes on the thread pool: the event loop keeps turning while four hashes run',
    async () => {
      let turns = 0;
      let turning = true;
      const turn = (): void => {
        turns += 1;
        if (turning) setImmediate(turn);
      };
      setImmediate(turn);

      await Promise.all(Array.from({ length: 4 }, (_, index) => hasher.hash(`passphrase number ${index}`)));
      turning = false;

      // A synchronous hash would hold the loop for the whole time: not one turn would happen.
      expect(turns).toBeGreaterThan(4);
    },
    timeoutMs,
  );
});
