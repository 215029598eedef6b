import { summariseModel } from '../../linking/domain/match-run';
import { fitOnSyntheticDirectories } from './fitted-model.fixture';
import { buildEvidence, type EvidenceInput } from './link-evidence';
import { evidenceOfRow, storedEvidenceOf, type StoredModel } from './stored-evidence';

describe('stored evidence', () => {
  const { model, patterns, pairs } = fitOnSyntheticDirectories(400, 5);
  const { ruleMasks } = pairs;
  // What match_run.model holds once through PostgreSQL's jsonb.
  const stored = JSON.parse(JSON.stringify(summariseModel(model))) as StoredModel;

  it('spells out exactly the evidence the run built, from the pattern and the stored model', () => {
    for (let pair = 0; pair < Math.min(patterns.length, 500); pair++) {
      const input: EvidenceInput = {
        pattern: patterns[pair]!,
        ruleMask: ruleMasks[pair]!,
        method: pair % 2 === 0 ? 'probabilistic' : 'deterministic',
        verifiedContacts: pair % 3 === 0 ? ['email'] : [],
      };
      const row = { ...storedEvidenceOf(input), run_model: stored };
      expect(evidenceOfRow(row)).toEqual(buildEvidence(model, input));
    }
  });

  it('has no evidence for a row without a candidate', () => {
    expect(evidenceOfRow({ ...storedEvidenceOf(undefined), run_model: stored })).toBeUndefined();
  });
});
