import { generateResetToken } from './reset-token';
import { formatResetCode, hashResetCode, normaliseResetCode, resetCodeOf } from './reset-code';

describe('reset codes', () => {
  it('are sixteen characters of Crockford base32, the same for the same token', () => {
    const token = generateResetToken();
    expect(resetCodeOf(token)).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(resetCodeOf(token)).toBe(resetCodeOf(token));
  });

  it('differ from token to token', () => {
    const codes = new Set(Array.from({ length: 2_000 }, () => resetCodeOf(generateResetToken())));
    expect(codes.size).toBe(2_000);
  });

  it('read back from what a customer types: case, dashes, spaces and look-alike letters aside', () => {
    const code = resetCodeOf(generateResetToken());
    const shown = formatResetCode(code);
    expect(shown).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(normaliseResetCode(shown)).toBe(code);
    expect(normaliseResetCode(` ${shown.toLowerCase().replace(/-/g, ' ')} `)).toBe(code);
    expect(normaliseResetCode('0I1L-OOOO-1111-2222')).toBe('0111000011112222');
  });

  it('refuse what cannot be a code', () => {
    for (const typed of ['', 'ABCD', 'ABCD-EFGH-JKMN-PQRU', 'ABCD-EFGH-JKMN-PQRST', '<script>'])
      expect(normaliseResetCode(typed)).toBeUndefined();
  });

  it('are stored as a digest that is neither the code nor the token hash', () => {
    const token = generateResetToken();
    const code = resetCodeOf(token);
    const digest = hashResetCode(code);
    expect(digest).toHaveLength(32);
    expect(digest.toString('hex')).not.toContain(Buffer.from(code).toString('hex'));
    expect(digest.toString('utf8')).not.toContain(code);
  });
});
