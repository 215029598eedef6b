import { generateResetToken, hashResetToken, isWellFormedResetToken, sameHash } from './reset-token';

describe('reset tokens', () => {
  it('are 256 random bits in base64url, different every time', () => {
    const tokens = new Set(Array.from({ length: 1_000 }, generateResetToken));
    expect(tokens.size).toBe(1_000);
    for (const token of tokens) {
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      expect(isWellFormedResetToken(token)).toBe(true);
    }
  });

  it('are stored as a SHA-256 that does not contain the token', () => {
    const token = generateResetToken();
    const hash = hashResetToken(token);
    expect(hash).toHaveLength(32);
    expect(hash.toString('base64url')).not.toBe(token);
    expect(sameHash(hash, hashResetToken(token))).toBe(true);
    expect(sameHash(hash, hashResetToken(generateResetToken()))).toBe(false);
    // The digest of the token's text: what stored hashes were made with stays what lookups make.
    expect(hashResetToken('abc').toString('hex')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('refuses values that cannot be a token', () => {
    for (const value of ['', 'short', `${generateResetToken()}x`, 'a'.repeat(42) + '=', '../../etc/passwd'])
      expect(isWellFormedResetToken(value)).toBe(false);
  });
});
