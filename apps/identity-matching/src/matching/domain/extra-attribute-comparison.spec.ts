import { generateSyntheticDirectories } from '@rekey/synthetic-directories';
import { DEFAULT_LINKAGE } from './default-linkage';
import { aLegacyRecord, aTargetRecord, verified } from './directory-records.fixture';
import { linkDirectories } from './link-directories';
import type { MatchConfig } from './match-config';

const now = new Date('2026-06-01T00:00:00Z');
const config: MatchConfig = {
  bands: { high: 0.99, medium: 0.9, low: 0.5 },
  privilegedRoles: ['admin'],
  inactiveAfterDays: 365,
  linkage: {
    ...DEFAULT_LINKAGE,
    extraAttributes: [{ name: 'customer_number', description: 'the loyalty card number' }],
    comparisons: [
      ...DEFAULT_LINKAGE.comparisons,
      {
        name: 'customer_number',
        field: 'attribute:customer_number',
        levels: [{ type: 'exact' }],
        termFrequency: false,
      },
    ],
    blocking: {
      ...DEFAULT_LINKAGE.blocking,
      rules: [
        ...DEFAULT_LINKAGE.blocking.rules,
        { name: 'customer-number', keys: ['attribute:customer_number'] },
      ],
    },
    estimation: { ...DEFAULT_LINKAGE.estimation, randomPairs: 50_000 },
  },
};

// The population carries customer numbers too, on both sides, so the model can learn their worth.
const population = generateSyntheticDirectories({ people: 2_000, seed: 8, now });
const numbered = <T extends { id: string }>(records: T[], numberOf: (record: T) => string) =>
  records.map((record) => ({ ...record, attributes: { customer_number: numberOf(record) } }));
const legacy = numbered(population.legacy, (record) => `C-${record.id}`);
const target = numbered(population.target, (record) => {
  const legacyId = [...population.truth].find(([, targetId]) => targetId === record.id)?.[0];
  return legacyId === undefined ? `C-none-${record.id}` : `C-${legacyId}`;
});

describe('an extra attribute declared in the linkage configuration', () => {
  const results = linkDirectories(
    [
      ...legacy,
      aLegacyRecord({
        id: 'L-card',
        givenName: 'Hyacinth',
        familyName: 'Bucket',
        emails: [verified('hb@old.example')],
        attributes: { customer_number: 'C-777' },
      }),
    ],
    [
      ...target,
      aTargetRecord({
        id: 'T-card',
        givenName: 'Hyacinth',
        familyName: 'Buckett',
        emails: [verified('hyacinth@new.example')],
        attributes: { customer_number: 'C-777' },
      }),
    ],
    config,
    now,
  );

  it('blocks on it and weighs an agreeing value as evidence for the link', () => {
    const result = results.find((entry) => entry.legacyId === 'L-card')!;
    expect(result.targetId).toBe('T-card');
    expect(result.evidence!.blockingRules).toContain('customer-number');
    const evidence = result.evidence!.fields.find((field) => field.comparison === 'customer_number')!;
    expect(evidence).toMatchObject({ field: 'attribute:customer_number', level: 'exact' });
    expect(evidence.weight).toBeGreaterThan(5);
  });
});
