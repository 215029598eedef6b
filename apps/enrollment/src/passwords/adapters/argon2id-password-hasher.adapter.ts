import { argon2, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  formatArgon2idPhc,
  hasParameters,
  parseArgon2idPhc,
  type Argon2idHash,
  type Argon2idParameters,
} from '../domain/argon2id-phc';
import { hashInputOf } from '../domain/hash-input';
import { PasswordRefused } from '../domain/password.errors';
import type { PasswordHasher } from '../password-hasher.port';

/**
 * OWASP's Password Storage Cheat Sheet for argon2id: m = 19 MiB, t = 2, p = 1, one of its
 * configurations of equal strength (each trades memory for passes); this one keeps the memory a
 * sign-in holds small enough for several at once. A 16-byte salt and a 32-byte tag are RFC 9106's
 * recommendations (§4).
 */
export const OWASP_ARGON2ID_PARAMETERS: Argon2idParameters = {
  memoryKiB: 19_456,
  passes: 2,
  parallelism: 1,
  saltBytes: 16,
  tagBytes: 32,
};

/**
 * argon2id from node:crypto (OpenSSL 3.2+, Node 24.7+): no native add-on to build or keep up to
 * date. The asynchronous form runs on libuv's thread pool, so a hash (tens of milliseconds of
 * CPU) never blocks the event loop; at most UV_THREADPOOL_SIZE (4 by default) run at once, each
 * holding its 19 MiB.
 */
export class Argon2idPasswordHasher implements PasswordHasher {
  constructor(private readonly parameters: Argon2idParameters = OWASP_ARGON2ID_PARAMETERS) {}

  async hash(password: string): Promise<string> {
    const message = hashInputOf(password);
    if (message instanceof PasswordRefused) throw message;
    const salt = randomBytes(this.parameters.saltBytes);
    const { memoryKiB, passes, parallelism, tagBytes } = this.parameters;
    const tag = await derive(message, { memoryKiB, passes, parallelism, salt }, tagBytes);
    return formatArgon2idPhc({ memoryKiB, passes, parallelism, salt, tag });
  }

  async verify(storedHash: string, password: string): Promise<boolean> {
    const stored = parseArgon2idPhc(storedHash);
    const message = hashInputOf(password);
    if (message instanceof PasswordRefused) return false;
    const tag = await derive(message, stored, stored.tag.length);
    return timingSafeEqual(tag, stored.tag);
  }

  needsRehash(storedHash: string): boolean {
    return !hasParameters(parseArgon2idPhc(storedHash), this.parameters);
  }
}

function derive(message: Buffer, hash: Omit<Argon2idHash, 'tag'>, tagLength: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    argon2(
      'argon2id',
      {
        message,
        nonce: hash.salt,
        memory: hash.memoryKiB,
        passes: hash.passes,
        parallelism: hash.parallelism,
        tagLength,
      },
      (error, derivedKey) => (error ? reject(error) : resolve(derivedKey)),
    );
  });
}
