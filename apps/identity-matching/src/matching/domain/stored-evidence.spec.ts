import { summariseModel } from '../../linking/domain/match-run';
import { summariseBlocking } from './blocking-quality';
import { fitOnSyntheticDirectories } from './fitted-model.fixture';
import { buildEvidence, type EvidenceInput } from './link-evidence';
import { evidenceOfRow, nearMissesOfRow, storedEvidenceOf, type StoredModel } from './stored-evidence';

describe('stored evidence', () => {
  const { model, patterns, pairs, linkage } = fitOnSyntheticDirectories(400, 5);
  const { ruleMasks } = pairs;
  // What match_run.model holds once through PostgreSQL's jsonb.
  const stored = JSON.parse(
    JSON.stringify(summariseModel(model, linkage.layout, summariseBlocking(pairs, linkage.layout.ruleNames))),
  ) as StoredModel;

  it('spells out exactly the evidence the run built, from the pattern and the stored model', () => {
    for (let pair = 0; pair < Math.min(patterns.length, 500); pair++) {
      const input: EvidenceInput = {
        pattern: patterns[pair]!,
        ruleMask: ruleMasks[pair]!,
        method: pair % 2 === 0 ? 'probabilistic' : 'deterministic',
        verifiedContacts: pair % 3 === 0 ? ['email'] : [],
        ...(pair % 4 === 0 ? { adjustments: { family_name: -1.25 } } : {}),
      };
      const row = { ...JSON.parse(JSON.stringify(storedEvidenceOf(input))), run_model: stored };
      expect(evidenceOfRow(row)).toEqual(buildEvidence(model, linkage.layout, input));
    }
  });

  it('keeps the near misses of an account found new', () => {
    const nearMisses = [{ targetId: 'T-9', probability: 0.12, weight: -3.5 }];
    const row = { ...storedEvidenceOf(undefined, nearMisses), run_model: stored };
    expect(evidenceOfRow(row)).toBeUndefined();
    expect(nearMissesOfRow(row)).toEqual(nearMisses);
  });

  it('has no evidence for a row without a candidate', () => {
    expect(evidenceOfRow({ ...storedEvidenceOf(undefined), run_model: stored })).toBeUndefined();
  });

  it('reads the rows of runs stored before comparisons were configured', () => {
    const levels = ['missing', 'exact', 'different'].map((level) => ({ level, m: 0.5, u: 0.25 }));
    const old: StoredModel = {
      lambda: 0.01,
      fields: [
        { field: 'givenName', levels },
        { field: 'phone', levels },
      ],
    };
    const evidence = evidenceOfRow({
      ...storedEvidenceOf({ pattern: 1 + 2 * 3, ruleMask: 0b11, method: 'probabilistic' }),
      run_model: old,
    });
    expect(evidence?.fields.map(({ field, level }) => `${field}:${level}`)).toEqual([
      'given_name:exact',
      'phone:different',
    ]);
    expect(evidence?.blockingRules).toEqual(['family-phonetic+birth-date', 'names-phonetic+birth-year']);
  });
});
