import { generateSyntheticDirectories } from '@rekey/synthetic-directories';
import { findCandidatePairs } from './blocking-rules';
import { DEFAULT_ESTIMATION } from './match-config';
import { comparePairs, trainModel } from './model-training';
import { extractFeatures } from './record-features';
import { Vocabulary } from './vocabulary';

/** For the specs: generated directories, their candidate pairs and the model fitted on them. */
export function fitOnSyntheticDirectories(people: number, seed: number) {
  const directories = generateSyntheticDirectories({ people, seed, now: new Date('2026-06-01T00:00:00Z') });
  const vocabulary = new Vocabulary();
  const legacyFeatures = extractFeatures(directories.legacy, vocabulary);
  const targetFeatures = extractFeatures(directories.target, vocabulary);
  const pairs = findCandidatePairs(legacyFeatures, targetFeatures, 200);
  const patterns = comparePairs(pairs, legacyFeatures, targetFeatures);
  const model = trainModel(pairs, patterns, legacyFeatures, targetFeatures, DEFAULT_ESTIMATION);
  return { ...directories, pairs, patterns, model };
}
