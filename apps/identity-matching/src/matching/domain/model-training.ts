import type { BlockingRule, CandidatePairs } from './blocking-rules';
import type { ComparisonSet } from './field-comparisons';
import {
  clamp,
  estimateM,
  genericMatchProbabilities,
  levelFrequencies,
  patternCountsOf,
  type FellegiSunterModel,
  type TrainingSession,
} from './fellegi-sunter-model';
import type { EstimationSettings } from './linkage-config';
import type { RecordFeatures } from './record-features';

/** The comparison pattern of every candidate pair, in the order of `pairs`. */
export function comparePairs(
  pairs: CandidatePairs,
  set: ComparisonSet,
  legacy: RecordFeatures,
  target: RecordFeatures,
): Uint32Array {
  const patterns = new Uint32Array(pairs.count);
  for (let l = 0; l < legacy.count; l++) {
    const end = pairs.legacyOffsets[l + 1] as number;
    for (let index = pairs.legacyOffsets[l] as number; index < end; index++) {
      patterns[index] = set.comparePair(legacy, l, target, pairs.targetIndexes[index] as number);
    }
  }
  return patterns;
}

/**
 * Estimates m and u as the record-linkage literature does, so that blocking does not bias the
 * weights: u from random legacy/target pairs (nearly all different people) and held fixed; m by
 * expectation-maximisation over the pairs of each training rule, with that rule's own fields held
 * out of its session (they agree on every pair it proposes). A comparison's m is the mean of the
 * sessions that estimated it. λ is estimated afterwards from the scored pairs (estimateLambda).
 */
export function trainModel(
  pairs: CandidatePairs,
  patterns: Uint32Array,
  set: ComparisonSet,
  rules: readonly BlockingRule[],
  legacy: RecordFeatures,
  target: RecordFeatures,
  settings: EstimationSettings,
): Omit<FellegiSunterModel, 'lambda'> {
  const { levelCounts } = set;
  const counted = (select: (index: number) => boolean) => {
    const counts = new Map<number, number>();
    for (let index = 0; index < patterns.length; index++) {
      if (!select(index)) continue;
      const pattern = patterns[index] as number;
      counts.set(pattern, (counts.get(pattern) ?? 0) + 1);
    }
    return patternCountsOf(counts, levelCounts, set.levelOf);
  };
  const u = levelFrequencies(
    patternCountsOf(countRandomPairs(set, legacy, target, settings), levelCounts, set.levelOf),
    levelCounts,
    settings.probabilityFloor,
  );
  const generic = genericMatchProbabilities(levelCounts);
  const estimates = set.comparisons.map((): Float64Array[] => []);
  const sessions: TrainingSession[] = [];
  let iterations = 0;
  let converged = true;
  for (const ruleName of settings.trainingRules) {
    const r = rules.findIndex((rule) => rule.name === ruleName);
    const rule = rules[r];
    if (rule === undefined) continue;
    const bit = 1 << r;
    const data = counted((index) => ((pairs.ruleMasks[index] as number) & bit) !== 0);
    const active = set.comparisons.map((comparison) => !rule.fields.includes(comparison.field));
    let pairCount = 0;
    for (let p = 0; p < data.patterns; p++) pairCount += data.counts[p] as number;
    if (pairCount === 0) continue;
    const session = estimateM(
      data,
      active,
      { lambda: Math.min(0.5, Math.min(legacy.count, target.count) / pairCount), m: generic, u },
      settings,
    );
    active.forEach((isActive, c) => {
      if (isActive) (estimates[c] as Float64Array[]).push(session.m[c] as Float64Array);
    });
    sessions.push({
      rule: rule.name,
      heldOut: set.comparisons.filter((_, c) => !active[c]).map((comparison) => comparison.name),
      pairs: pairCount,
      iterations: session.iterations,
      converged: session.converged,
    });
    iterations += session.iterations;
    converged &&= session.converged;
  }
  const m = estimates.map((rows, c) => (rows.length === 0 ? (generic[c] as Float64Array) : mean(rows)));
  return { m, u, iterations, converged, sessions };
}

/**
 * λ, the chance that a random legacy/target pair is the same person, from the scored candidate
 * pairs: the expected number of matches over all L × T pairs, iterated to a fixed point. A legacy
 * account is at most one customer, so its candidates share one unit of probability: a namesake
 * that scores well beside the true match is not counted as a second match.
 */
export function estimateLambda(
  pairs: CandidatePairs,
  weights: Float32Array,
  legacyCount: number,
  targetCount: number,
  settings: Pick<EstimationSettings, 'maxIterations' | 'tolerance'>,
): number {
  const allPairs = Math.max(1, legacyCount * targetCount);
  // A candidate's odds are 2^(prior + weight) = 2^prior · 2^weight: summed once per legacy record,
  // each iteration scales the sums instead of visiting every pair again.
  const likelihoodRatios = new Float64Array(legacyCount);
  for (let l = 0; l < legacyCount; l++) {
    const end = pairs.legacyOffsets[l + 1] as number;
    let sum = 0;
    for (let index = pairs.legacyOffsets[l] as number; index < end; index++)
      sum += 2 ** (weights[index] as number);
    likelihoodRatios[l] = sum;
  }
  let lambda = clamp((0.5 * Math.min(legacyCount, targetCount)) / allPairs, 1e-300);
  for (let iteration = 0; iteration < settings.maxIterations; iteration++) {
    const priorOdds = lambda / (1 - lambda);
    let matches = 0;
    for (let l = 0; l < legacyCount; l++) {
      const candidateOdds = priorOdds * (likelihoodRatios[l] as number);
      // P(one of the candidates is the customer) = Σ odds / (1 + Σ odds).
      matches += candidateOdds / (1 + candidateOdds);
    }
    const next = clamp(matches / allPairs, 1e-300);
    const change = Math.abs(next - lambda) / lambda;
    lambda = next;
    if (change < settings.tolerance) break;
  }
  return lambda;
}

function mean(rows: Float64Array[]): Float64Array {
  const result = new Float64Array((rows[0] as Float64Array).length);
  for (const row of rows)
    for (let level = 0; level < row.length; level++)
      result[level] = (result[level] as number) + (row[level] as number) / rows.length;
  return result;
}

function countRandomPairs(
  set: ComparisonSet,
  legacy: RecordFeatures,
  target: RecordFeatures,
  settings: EstimationSettings,
): Map<number, number> {
  const counts = new Map<number, number>();
  if (legacy.count === 0 || target.count === 0) return counts;
  const random = mulberry32(settings.seed);
  for (let draw = 0; draw < settings.randomPairs; draw++) {
    const l = Math.floor(random() * legacy.count);
    const t = Math.floor(random() * target.count);
    const pattern = set.comparePair(legacy, l, target, t);
    counts.set(pattern, (counts.get(pattern) ?? 0) + 1);
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
