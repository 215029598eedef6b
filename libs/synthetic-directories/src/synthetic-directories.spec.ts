import { generateSyntheticDirectories } from './synthetic-directories';

const now = new Date('2026-01-15T00:00:00Z');

describe('generateSyntheticDirectories', () => {
  it('gives the same population for the same seed, and another for another seed', () => {
    const first = generateSyntheticDirectories({ people: 200, seed: 7, now });
    expect(generateSyntheticDirectories({ people: 200, seed: 7, now })).toEqual(first);
    expect(generateSyntheticDirectories({ people: 200, seed: 8, now }).legacy).not.toEqual(first.legacy);
  });

  it('knows the truth: each true pair joins a legacy and a target account that exist', () => {
    const { legacy, target, truth } = generateSyntheticDirectories({ people: 500, seed: 2026, now });
    const legacyIds = new Set(legacy.map((record) => record.id));
    const targetIds = new Set(target.map((record) => record.id));
    expect(truth.size).toBeGreaterThan(0);
    for (const [legacyId, targetId] of truth) {
      expect(legacyIds.has(legacyId)).toBe(true);
      expect(targetIds.has(targetId)).toBe(true);
    }
    expect(legacy.every((record) => record.side === 'legacy')).toBe(true);
    expect(target.every((record) => record.side === 'target')).toBe(true);
  });

  it('signs accounts in only before the export date', () => {
    const { legacy, target } = generateSyntheticDirectories({ people: 300, seed: 3, now });
    for (const record of [...legacy, ...target]) {
      if (record.lastLoginAt) expect(record.lastLoginAt.getTime()).toBeLessThanOrEqual(now.getTime());
    }
  });
});
