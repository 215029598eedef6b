import { foldToLatin, soundex } from './phonetic-key';

describe('soundex', () => {
  it('reproduces the reference codes of the American Soundex', () => {
    expect(soundex('Robert')).toBe('R163');
    expect(soundex('Rupert')).toBe('R163');
    expect(soundex('Rubin')).toBe('R150');
    expect(soundex('Ashcraft')).toBe('A261');
    expect(soundex('Tymczak')).toBe('T522');
    expect(soundex('Pfister')).toBe('P236');
    expect(soundex('Honeyman')).toBe('H555');
  });

  it('gives spelling variants of one family name the same code', () => {
    expect(soundex('Smith')).toBe(soundex('Smyth'));
    expect(soundex('Meyer')).toBe(soundex('Maier'));
  });

  it('ignores accents, case and punctuation', () => {
    expect(soundex('Müller-Lüdenscheidt')).toBe(soundex('mullerludenscheidt'));
  });

  it('gives no code to a name without latin letters', () => {
    expect(soundex('')).toBe('');
    expect(soundex('李')).toBe('');
  });
});

describe('foldToLatin', () => {
  it('keeps lower-case latin letters only', () => {
    expect(foldToLatin("O'Brien-Núñez")).toBe('obriennunez');
  });
});
