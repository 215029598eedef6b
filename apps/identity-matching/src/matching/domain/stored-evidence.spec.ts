import { summariseModel } from '../../linking/domain/match-run';
import { generateSyntheticDirectories } from '../synthetic-directories';
import { findCandidatePairs } from './blocking-rules';
import { DEFAULT_ESTIMATION } from './match-config';
import { buildEvidence, type EvidenceInput } from './link-evidence';
import { comparePairs, trainModel } from './model-training';
import { extractFeatures } from './record-features';
import { evidenceOfRow, storedEvidenceOf, type StoredModel } from './stored-evidence';
import { Vocabulary } from './vocabulary';

function fittedModel() {
  const { legacy, target } = generateSyntheticDirectories({
    people: 400,
    seed: 5,
    now: new Date('2026-06-01T00:00:00Z'),
  });
  const vocabulary = new Vocabulary();
  const legacyFeatures = extractFeatures(legacy, vocabulary);
  const targetFeatures = extractFeatures(target, vocabulary);
  const pairs = findCandidatePairs(legacyFeatures, targetFeatures, 200);
  const patterns = comparePairs(pairs, legacyFeatures, targetFeatures);
  const model = trainModel(pairs, patterns, legacyFeatures, targetFeatures, DEFAULT_ESTIMATION);
  return { model, patterns, ruleMasks: pairs.ruleMasks };
}

describe('stored evidence', () => {
  const { model, patterns, ruleMasks } = fittedModel();
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
