import { formatArgon2idPhc, hasParameters, parseArgon2idPhc, type Argon2idHash } from './argon2id-phc';
import { MalformedPasswordHash } from './password-hash.errors';

const hash: Argon2idHash = {
  memoryKiB: 19_456,
  passes: 2,
  parallelism: 1,
  salt: Buffer.from('0123456789abcdef'),
  tag: Buffer.alloc(32, 0xa5),
};
const phc = formatArgon2idPhc(hash);
const [, , , , salt = '', tag = ''] = phc.split('$');

function reasonFor(text: string): string {
  try {
    parseArgon2idPhc(text);
  } catch (error) {
    if (error instanceof MalformedPasswordHash) return error.reason;
    throw error;
  }
  throw new Error('parsed without complaint');
}

describe('the argon2id PHC string', () => {
  it('is written in the standard layout, salt and hash in unpadded base64', () => {
    expect(phc).toBe(`$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$${'paWl'.repeat(10)}paU`);
  });

  it('reads back what it wrote', () => {
    expect(parseArgon2idPhc(phc)).toEqual(hash);
  });

  it.each([
    ['another algorithm', `$argon2i$v=19$m=19456,t=2,p=1$${salt}$${tag}`, 'not an argon2id PHC string'],
    [
      'argon2 version 1.0',
      `$argon2id$v=16$m=19456,t=2,p=1$${salt}$${tag}`,
      'argon2 version 16 is not supported',
    ],
    ['no version', `$argon2id$m=19456,t=2,p=1$${salt}$${tag}`, 'not in the form'],
    ['parameters out of order', `$argon2id$v=19$t=2,m=19456,p=1$${salt}$${tag}`, 'not in the form'],
    ['a leading zero', `$argon2id$v=19$m=019456,t=2,p=1$${salt}$${tag}`, 'not in the form'],
    ['an extra parameter', `$argon2id$v=19$m=19456,t=2,p=1,keyid=k1$${salt}$${tag}`, 'not in the form'],
    ['padding', `$argon2id$v=19$m=19456,t=2,p=1$${salt}==$${tag}`, 'not in the form'],
    [
      'URL-safe base64',
      `$argon2id$v=19$m=19456,t=2,p=1$${salt}$${tag.replace(/\+|\//g, '_')}_`,
      'not in the form',
    ],
    ['no hash', `$argon2id$v=19$m=19456,t=2,p=1$${salt}`, 'not in the form'],
    ['a trailing segment', `${phc}$more`, 'not in the form'],
    [
      'stray bits in the salt',
      `$argon2id$v=19$m=19456,t=2,p=1$${salt.slice(0, -1)}h$${tag}`,
      'salt is not canonical',
    ],
    ['a 4-byte salt', `$argon2id$v=19$m=19456,t=2,p=1$AAAAAA$${tag}`, 'saltBytes outside 8..64'],
    ['an 8-byte hash', `$argon2id$v=19$m=19456,t=2,p=1$${salt}$AAAAAAAAAAA`, 'tagBytes outside 16..64'],
    ['4 TiB of memory', `$argon2id$v=19$m=4294967295,t=2,p=1$${salt}$${tag}`, 'memoryKiB outside 8..262144'],
    ['no passes', `$argon2id$v=19$m=19456,t=0,p=1$${salt}$${tag}`, 'passes outside 1..16'],
    ['a thousand lanes', `$argon2id$v=19$m=19456,t=2,p=1000$${salt}$${tag}`, 'parallelism outside 1..16'],
    ['less than 8 KiB per lane', `$argon2id$v=19$m=16,t=2,p=4$${salt}$${tag}`, 'memory below 8 KiB per lane'],
    ['a huge string', `${phc}${'A'.repeat(10_000)}`, 'longer than 256 characters'],
  ])('refuses %s, saying why', (_case, text, reason) => {
    expect(reasonFor(text)).toContain(reason);
  });

  it('keeps the salt and hash out of its error message', () => {
    const error = (() => {
      try {
        parseArgon2idPhc(`${phc}$more`);
      } catch (caught) {
        return caught as Error;
      }
      return undefined;
    })();

    expect(error?.message).toMatch(/^stored password hash is unreadable: /);
    expect(error?.message).not.toContain(salt);
    expect(error?.message).not.toContain(tag);
  });

  it('tells whether a hash was made with given parameters, salt and hash lengths included', () => {
    const current = { memoryKiB: 19_456, passes: 2, parallelism: 1, saltBytes: 16, tagBytes: 32 };

    expect(hasParameters(hash, current)).toBe(true);
    expect(hasParameters(hash, { ...current, memoryKiB: 65_536 })).toBe(false);
    expect(hasParameters(hash, { ...current, passes: 3 })).toBe(false);
    expect(hasParameters(hash, { ...current, parallelism: 2 })).toBe(false);
    expect(hasParameters(hash, { ...current, saltBytes: 32 })).toBe(false);
    expect(hasParameters(hash, { ...current, tagBytes: 64 })).toBe(false);
  });
});
