import { createHash, timingSafeEqual } from 'node:crypto';
import { hashInputOf } from '../passwords/domain/hash-input';
import { MalformedPasswordHash } from '../passwords/domain/password-hash.errors';
import { PasswordRefused } from '../passwords/domain/password.errors';
import type { PasswordHasher } from '../passwords/password-hasher.port';

const format = /^\$fake-sha256\$r=([1-9][0-9]{0,2})\$([A-Za-z0-9+/]{22})\$([A-Za-z0-9+/]{43})$/;

/**
 * A PasswordHasher for unit specs: a salted SHA-256 in a PHC-shaped string, microseconds instead
 * of argon2id's tens of milliseconds, and deterministic (the salts count up from a seed, so two
 * fakes made alike hash alike). `rounds` stands for the real hasher's parameters: a hash made with
 * other rounds still verifies but needs a rehash. It shares the real hasher's input rules (NFKC,
 * the byte limit, no lone surrogate) and passes the same contract suite.
 */
export class FakePasswordHasher implements PasswordHasher {
  private salts = 0;

  constructor(private readonly options: { rounds?: number; saltSeed?: number } = {}) {
    this.salts = options.saltSeed ?? 0;
  }

  private get rounds(): number {
    return this.options.rounds ?? 1;
  }

  async hash(password: string): Promise<string> {
    const input = hashInputOf(password);
    if (input instanceof PasswordRefused) throw input;
    this.salts += 1;
    const salt = Buffer.alloc(16);
    salt.writeUInt32BE(this.salts, 12);
    return `$fake-sha256$r=${this.rounds}$${unpadded(salt)}$${unpadded(digest(this.rounds, salt, input))}`;
  }

  async verify(storedHash: string, password: string): Promise<boolean> {
    const { rounds, salt, tag } = parse(storedHash);
    const input = hashInputOf(password);
    if (input instanceof PasswordRefused) return false;
    return timingSafeEqual(digest(rounds, salt, input), tag);
  }

  needsRehash(storedHash: string): boolean {
    return parse(storedHash).rounds !== this.rounds;
  }
}

function digest(rounds: number, salt: Buffer, input: Buffer): Buffer {
  let value = Buffer.concat([salt, input]);
  for (let round = 0; round < rounds; round += 1) value = createHash('sha256').update(value).digest();
  return value;
}

function parse(storedHash: string): { rounds: number; salt: Buffer; tag: Buffer } {
  const match = typeof storedHash === 'string' ? format.exec(storedHash) : null;
  if (!match) throw new MalformedPasswordHash('not a fake-sha256 hash');
  const [, rounds = '', salt = '', tag = ''] = match;
  return { rounds: Number(rounds), salt: Buffer.from(salt, 'base64'), tag: Buffer.from(tag, 'base64') };
}

function unpadded(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}
