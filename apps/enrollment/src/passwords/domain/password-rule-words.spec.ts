import { passwordGuidance, PASSWORD_RULE_CODES, wordsForPasswordRule } from './password-rule-words';

describe('the words shown for each password rule', () => {
  it.each(PASSWORD_RULE_CODES)('says something plain and complete for %s, in both situations', (code) => {
    for (const secondFactor of [false, true]) {
      const words = wordsForPasswordRule(code, { secondFactor });

      expect(words).toMatch(/^[A-Z].*\.$/);
      expect(words).not.toMatch(/password\.|undefined|NaN/);
    }
  });

  it('gives each rule words of its own', () => {
    const all = PASSWORD_RULE_CODES.map((code) => wordsForPasswordRule(code, { secondFactor: false }));

    expect(new Set(all).size).toBe(PASSWORD_RULE_CODES.length);
  });

  it('names the minimum that applies and the maximum', () => {
    expect(wordsForPasswordRule('password.too-short', { secondFactor: false })).toContain(
      'at least 15 characters',
    );
    expect(wordsForPasswordRule('password.too-short', { secondFactor: true })).toContain(
      'at least 8 characters',
    );
    expect(wordsForPasswordRule('password.too-long', { secondFactor: false })).toContain(
      'at most 256 characters',
    );
  });

  it('guides the customer before typing with the minimum and no composition rule', () => {
    expect(passwordGuidance({ secondFactor: false })).toMatch(
      /^Use at least 15 characters\. .*no need for digits or symbols/,
    );
    expect(passwordGuidance({ secondFactor: true })).toMatch(/^Use at least 8 characters\./);
  });
});
