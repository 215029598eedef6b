import { jaroSimilarity, jaroWinkler } from './string-similarity';

describe('jaroWinkler', () => {
  it('scores identical names 1 and names with nothing in common 0', () => {
    expect(jaroWinkler('martha', 'martha')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });

  it('scores an empty name 0, so a missing name never looks similar', () => {
    expect(jaroWinkler('', '')).toBe(0);
    expect(jaroWinkler('', 'martha')).toBe(0);
  });

  it('reproduces the published reference values', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 4);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.8133, 4);
    expect(jaroSimilarity('martha', 'marhta')).toBeCloseTo(0.9444, 4);
  });

  it('is symmetric', () => {
    expect(jaroWinkler('johnson', 'jonhson')).toBeCloseTo(jaroWinkler('jonhson', 'johnson'), 12);
  });

  it('keeps a one-letter typo in a family name above 0.92', () => {
    expect(jaroWinkler('smith', 'smyth')).toBeGreaterThanOrEqual(0.88);
    expect(jaroWinkler('hernandez', 'hernandes')).toBeGreaterThanOrEqual(0.92);
  });

  it('handles names longer than its reusable buffers', () => {
    const long = 'a'.repeat(200) + 'b';
    expect(jaroWinkler(long, 'a'.repeat(200) + 'c')).toBeGreaterThan(0.99);
  });
});
