import type { CandidatePairs } from './blocking-rules';
import { PATTERN_COUNT, comparePair } from './field-comparisons';
import {
  estimateModel,
  genericMatchProbabilities,
  levelFrequencies,
  type FellegiSunterModel,
} from './fellegi-sunter-model';
import type { EstimationSettings } from './match-config';
import type { RecordFeatures } from './record-features';
import { addTo } from './typed-arrays';

/** The comparison pattern of every candidate pair, in the order of `pairs`. */
export function comparePairs(
  pairs: CandidatePairs,
  legacy: RecordFeatures,
  target: RecordFeatures,
): Uint16Array {
  const patterns = new Uint16Array(pairs.count);
  for (let l = 0; l < legacy.count; l++) {
    const end = pairs.legacyOffsets[l + 1] as number;
    for (let index = pairs.legacyOffsets[l] as number; index < end; index++) {
      patterns[index] = comparePair(legacy, l, target, pairs.targetIndexes[index] as number);
    }
  }
  return patterns;
}

/**
 * Estimates the model from the data, as record-linkage tools do: u is seeded from random pairs
 * (almost all different people), m from a generic start, λ from the most matches there could be
 * (one per account of the smaller directory); EM over the candidate pairs then refines all three.
 */
export function trainModel(
  pairs: CandidatePairs,
  patterns: Uint16Array,
  legacy: RecordFeatures,
  target: RecordFeatures,
  settings: EstimationSettings,
): FellegiSunterModel {
  const randomCounts = countRandomPairs(legacy, target, settings);
  const initial = {
    lambda: Math.min(
      0.5,
      Math.max(1e-4, Math.min(legacy.count, target.count) / Math.max(1, patterns.length)),
    ),
    m: genericMatchProbabilities(),
    u: levelFrequencies(randomCounts, settings.probabilityFloor),
  };
  if (patterns.length === 0) return { ...initial, iterations: 0, converged: true };
  return estimateModel({ patterns, groupOffsets: pairs.legacyOffsets }, initial, settings);
}

function countRandomPairs(
  legacy: RecordFeatures,
  target: RecordFeatures,
  settings: EstimationSettings,
): Float64Array {
  const counts = new Float64Array(PATTERN_COUNT);
  if (legacy.count === 0 || target.count === 0) return counts;
  const random = mulberry32(settings.seed);
  for (let draw = 0; draw < settings.randomPairs; draw++) {
    const l = Math.floor(random() * legacy.count);
    const t = Math.floor(random() * target.count);
    addTo(counts, comparePair(legacy, l, target, t), 1);
  }
  return counts;
}

/** Small seeded generator: the draw must be repeatable, and Math.random cannot be seeded. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}
