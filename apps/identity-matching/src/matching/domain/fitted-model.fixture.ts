import { generateSyntheticDirectories } from '@rekey/synthetic-directories';
import { findCandidatePairs } from './blocking-rules';
import { DEFAULT_LINKAGE } from './default-linkage';
import { compileLinkage } from './linkage';
import { comparePairs, estimateLambda, trainModel } from './model-training';
import { PairScorer } from './pair-scorer';
import { extractFeatures } from './record-features';
import { countTermFrequencies } from './term-frequencies';
import { Vocabulary } from './vocabulary';
import type { FellegiSunterModel } from './fellegi-sunter-model';

/** For the specs: generated directories, their candidate pairs and the model fitted on them. */
export function fitOnSyntheticDirectories(people: number, seed: number) {
  const directories = generateSyntheticDirectories({ people, seed, now: new Date('2026-06-01T00:00:00Z') });
  const vocabulary = new Vocabulary();
  const legacyFeatures = extractFeatures(directories.legacy, vocabulary);
  const targetFeatures = extractFeatures(directories.target, vocabulary);
  const linkage = compileLinkage(DEFAULT_LINKAGE);
  const settings = { ...DEFAULT_LINKAGE.estimation, randomPairs: 50_000 };
  const pairs = findCandidatePairs(
    legacyFeatures,
    targetFeatures,
    linkage.rules,
    DEFAULT_LINKAGE.blocking.candidatesPerRecord,
  );
  const patterns = comparePairs(pairs, linkage.comparisons, legacyFeatures, targetFeatures);
  const trained = trainModel(
    pairs,
    patterns,
    linkage.comparisons,
    linkage.rules,
    legacyFeatures,
    targetFeatures,
    settings,
  );
  const scorer = new PairScorer(
    { ...trained, lambda: 0.5 },
    linkage.comparisons,
    countTermFrequencies(linkage.comparisons, legacyFeatures, targetFeatures),
    settings.probabilityFloor,
  );
  const weights = new Float32Array(pairs.count);
  for (let l = 0; l < legacyFeatures.count; l++)
    for (let index = pairs.legacyOffsets[l]!; index < pairs.legacyOffsets[l + 1]!; index++)
      weights[index] = scorer.weightOf(patterns[index]!, legacyFeatures, l);
  const lambda = estimateLambda(pairs, weights, legacyFeatures.count, targetFeatures.count, settings);
  const model: FellegiSunterModel = { ...trained, lambda };
  return { ...directories, legacyFeatures, targetFeatures, linkage, pairs, patterns, weights, model };
}
