import { addTo } from './typed-arrays';

/**
 * Fellegi-Sunter model: for each comparison level, m = P(level | same person) and
 * u = P(level | different people), plus λ, the probability that two records drawn at random are
 * the same person. A pair's match weight is Σ log2(m/u) over its levels (with term-frequency
 * adjustments); with the prior log2(λ / (1 - λ)) it gives the match probability. Level 0
 * ("missing") is neutral: it is neither estimated nor weighed.
 */
export interface ModelParameters {
  lambda: number;
  m: Float64Array<ArrayBufferLike>[];
  u: Float64Array<ArrayBufferLike>[];
}

export interface FellegiSunterModel extends ModelParameters {
  iterations: number;
  converged: boolean;
  /** How m was estimated: one EM session per training rule. */
  sessions: TrainingSession[];
}

export interface TrainingSession {
  rule: string;
  /** The comparisons the rule blocks on: they agree on all its pairs, so they are held out. */
  heldOut: string[];
  pairs: number;
  iterations: number;
  converged: boolean;
}

export interface EstimationOptions {
  maxIterations: number;
  /** Estimation stops once no parameter moves by more than this between two iterations. */
  tolerance: number;
  /** No probability falls below this, so no level can weigh ±∞ or veto a pair on its own. */
  probabilityFloor: number;
}

/**
 * One match added to every level at each M-step (a Dirichlet prior): a level no match happened to
 * show in this data, such as an agreeing postcode on another street, then weighs about nothing
 * instead of the floor's -20 bits, and a level seen thousands of times is not moved by it.
 */
const PSEUDO_MATCHES = 1;

/** Pairs reduced to their distinct comparison patterns, each with its count and levels. */
export interface PatternCounts {
  comparisons: number;
  /** Distinct patterns. */
  patterns: number;
  counts: Float64Array;
  /** levels[p * comparisons + c]: the level of comparison c in pattern p. */
  levels: Uint8Array;
}

export function patternCountsOf(
  counted: ReadonlyMap<number, number>,
  levelCounts: readonly number[],
  levelOf: (pattern: number, comparison: number) => number,
): PatternCounts {
  const comparisons = levelCounts.length;
  const counts = new Float64Array(counted.size);
  const levels = new Uint8Array(counted.size * comparisons);
  let p = 0;
  for (const [pattern, count] of counted) {
    counts[p] = count;
    for (let c = 0; c < comparisons; c++) levels[p * comparisons + c] = levelOf(pattern, c);
    p++;
  }
  return { comparisons, patterns: counted.size, counts, levels };
}

/**
 * Expectation-maximisation of m and the session's own λ with u held fixed, as record-linkage tools
 * train once u is known from random pairs. Only the `active` comparisons take part: a blocking
 * rule's own fields agree on every pair it proposes, so their m cannot be learned from those pairs,
 * and letting them vote would make the session's mixture about the rule rather than the person.
 */
export function estimateM(
  data: PatternCounts,
  active: readonly boolean[],
  initial: ModelParameters,
  options: EstimationOptions,
): { m: Float64Array<ArrayBufferLike>[]; lambda: number; iterations: number; converged: boolean } {
  const { comparisons, patterns, counts, levels } = data;
  let lambda = clamp(initial.lambda, options.probabilityFloor);
  let m: Float64Array<ArrayBufferLike>[] = initial.m.map((row) => Float64Array.from(row));
  const u = initial.u;
  let total = 0;
  for (let p = 0; p < patterns; p++) total += counts[p] as number;
  for (let iteration = 1; iteration <= options.maxIterations; iteration++) {
    const mSums = m.map((row) => new Float64Array(row.length));
    let matchMass = 0;
    for (let p = 0; p < patterns; p++) {
      let ratio = lambda / (1 - lambda);
      for (let c = 0; c < comparisons; c++) {
        const level = levels[p * comparisons + c] as number;
        if (level !== 0 && active[c])
          ratio *= ((m[c] as Float64Array)[level] as number) / ((u[c] as Float64Array)[level] as number);
      }
      const posterior = Number.isFinite(ratio) ? ratio / (1 + ratio) : 1;
      const mass = posterior * (counts[p] as number);
      matchMass += mass;
      for (let c = 0; c < comparisons; c++) {
        const level = levels[p * comparisons + c] as number;
        if (level !== 0 && active[c]) addTo(mSums[c] as Float64Array, level, mass);
      }
    }
    const nextM = mSums.map((row, c) => {
      if (!active[c]) return m[c] as Float64Array;
      for (let level = 1; level < row.length; level++) row[level] = (row[level] as number) + PSEUDO_MATCHES;
      return floorAndNormalise(row, options.probabilityFloor);
    });
    const nextLambda = clamp(total === 0 ? lambda : matchMass / total, options.probabilityFloor);
    const change = Math.max(Math.abs(nextLambda - lambda), largestChange(m, nextM));
    m = nextM;
    lambda = nextLambda;
    if (change < options.tolerance) return { m, lambda, iterations: iteration, converged: true };
  }
  return { m, lambda, iterations: options.maxIterations, converged: false };
}

/** Share of each level among the pairs counted, per comparison, "missing" left out. */
export function levelFrequencies(
  data: PatternCounts,
  levelCounts: readonly number[],
  probabilityFloor: number,
): Float64Array[] {
  const frequencies = levelCounts.map((count) => new Float64Array(count));
  for (let p = 0; p < data.patterns; p++) {
    for (let c = 0; c < data.comparisons; c++)
      addTo(
        frequencies[c] as Float64Array,
        data.levels[p * data.comparisons + c] as number,
        data.counts[p] as number,
      );
  }
  return frequencies.map((row) => floorAndNormalise(row, probabilityFloor));
}

/**
 * Starting m values: most matches agree exactly, fewer at each weaker level. EM moves them; the
 * start only has to say which side of the mixture is "same person".
 */
export function genericMatchProbabilities(levelCounts: readonly number[]): Float64Array[] {
  return levelCounts.map((count) => {
    const row = new Float64Array(count);
    for (let level = 1; level < count; level++) row[level] = level === 1 ? 0.8 : 0.2 / 2 ** (level - 1);
    return floorAndNormalise(row, 0);
  });
}

/** log2(m/u) of one level; 0 for "missing". */
export function levelWeight(model: ModelParameters, comparison: number, level: number): number {
  if (level === 0) return 0;
  const m = (model.m[comparison] as Float64Array)[level] as number;
  const u = (model.u[comparison] as Float64Array)[level] as number;
  return Math.log2(m / u);
}

export function priorWeight(model: ModelParameters): number {
  return Math.log2(model.lambda / (1 - model.lambda));
}

export function probabilityOfWeight(totalWeight: number, prior: number): number {
  return 1 / (1 + 2 ** -(prior + totalWeight));
}

export function floorAndNormalise(row: Float64Array, floor: number): Float64Array {
  let sum = 0;
  for (let level = 1; level < row.length; level++) sum += row[level] as number;
  const share = 1 / (row.length - 1);
  for (let level = 1; level < row.length; level++) {
    row[level] = Math.max(floor, sum > 0 ? (row[level] as number) / sum : share);
  }
  let floored = 0;
  for (let level = 1; level < row.length; level++) floored += row[level] as number;
  for (let level = 1; level < row.length; level++) row[level] = (row[level] as number) / floored;
  row[0] = 0;
  return row;
}

export function clamp(probability: number, floor: number): number {
  const bound = Math.max(floor, Number.EPSILON);
  return Math.min(1 - bound, Math.max(bound, probability));
}

function largestChange(
  before: Float64Array<ArrayBufferLike>[],
  after: Float64Array<ArrayBufferLike>[],
): number {
  let largest = 0;
  before.forEach((row, c) => {
    const next = after[c] as Float64Array;
    for (let level = 1; level < row.length; level++) {
      largest = Math.max(largest, Math.abs((row[level] as number) - (next[level] as number)));
    }
  });
  return largest;
}
