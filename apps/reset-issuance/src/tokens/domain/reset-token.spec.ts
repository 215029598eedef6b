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
  });

  it('refuses values that cannot be a token', () => {
    for (const value of ['', 'short', `${generateResetToken()}x`, 'a'.repeat(42) + '=', '../../etc/passwd'])
      expect(isWellFormedResetToken(value)).toBe(false);
  });
});
