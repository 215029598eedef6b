import { addTo } from './typed-arrays';
import { LEVEL_COUNTS, PATTERN_COUNT, levelOf } from './field-comparisons';

/**
 * Fellegi-Sunter model: for each comparison level, m = P(level | same person) and
 * u = P(level | different people), plus λ, the share of candidate pairs that are matches. A pair's
 * match weight is Σ log2(m/u) over its levels; with the prior log2(λ / (1 - λ)) it gives the match
 * probability. Level 0 ("missing") is neutral: it is neither estimated nor weighed.
 */
export interface FellegiSunterModel {
  lambda: number;
  m: Float64Array[];
  u: Float64Array[];
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

export type ModelParameters = Pick<FellegiSunterModel, 'lambda' | 'm' | 'u'>;

/** Candidate pairs as estimation sees them: patterns grouped by legacy record. */
export interface PatternGroups {
  patterns: Uint16Array;
  /** Pairs of group g are `groupOffsets[g]` to `groupOffsets[g + 1] - 1`. */
  groupOffsets: Int32Array;
}

/**
 * Expectation-maximisation over the candidate pairs. The E-step knows that a legacy account is at
 * most one customer: the posterior of each of its candidates is its odds over one plus the odds of
 * all of them, so a namesake or a housemate that scores well beside the true match is not counted
 * as a second match. Plain pairwise EM counts them, and settles on a mixture where agreeing names
 * and a shared address outweigh a different date of birth. The M-step works on pattern totals, a
 * few thousand numbers, whatever the number of pairs.
 */
export function estimateModel(
  groups: PatternGroups,
  initial: ModelParameters,
  options: EstimationOptions,
): FellegiSunterModel {
  const pairCounts = new Float64Array(PATTERN_COUNT);
  for (const pattern of groups.patterns) addTo(pairCounts, pattern, 1);
  const present: number[] = [];
  for (let p = 0; p < PATTERN_COUNT; p++) if ((pairCounts[p] as number) > 0) present.push(p);
  const comparisons = LEVEL_COUNTS.length;
  const levels = new Uint8Array(PATTERN_COUNT * comparisons);
  for (const pattern of present) {
    for (let c = 0; c < comparisons; c++) levels[pattern * comparisons + c] = levelOf(pattern, c);
  }

  let lambda = clamp(initial.lambda, options.probabilityFloor);
  let m = initial.m.map((row) => floorAndNormalise(Float64Array.from(row), options.probabilityFloor));
  let u = initial.u.map((row) => floorAndNormalise(Float64Array.from(row), options.probabilityFloor));
  const odds = new Float64Array(PATTERN_COUNT);
  const matchMass = new Float64Array(PATTERN_COUNT);
  const groupCount = groups.groupOffsets.length - 1;

  for (let iteration = 1; iteration <= options.maxIterations; iteration++) {
    const priorOdds = lambda / (1 - lambda);
    for (const pattern of present) {
      let ratio = priorOdds;
      for (let c = 0; c < comparisons; c++) {
        const level = levels[pattern * comparisons + c] as number;
        if (level !== 0)
          ratio *= ((m[c] as Float64Array)[level] as number) / ((u[c] as Float64Array)[level] as number);
      }
      odds[pattern] = ratio;
    }
    matchMass.fill(0);
    let totalMatchMass = 0;
    for (let g = 0; g < groupCount; g++) {
      const start = groups.groupOffsets[g] as number;
      const end = groups.groupOffsets[g + 1] as number;
      let groupOdds = 1;
      for (let index = start; index < end; index++)
        groupOdds += odds[groups.patterns[index] as number] as number;
      for (let index = start; index < end; index++) {
        const pattern = groups.patterns[index] as number;
        const share = (odds[pattern] as number) / groupOdds;
        addTo(matchMass, pattern, share);
        totalMatchMass += share;
      }
    }

    const mSums = LEVEL_COUNTS.map((count) => new Float64Array(count));
    const uSums = LEVEL_COUNTS.map((count) => new Float64Array(count));
    for (const pattern of present) {
      const matches = matchMass[pattern] as number;
      const nonMatches = (pairCounts[pattern] as number) - matches;
      for (let c = 0; c < comparisons; c++) {
        const level = levels[pattern * comparisons + c] as number;
        if (level === 0) continue;
        addTo(mSums[c] as Float64Array, level, matches);
        addTo(uSums[c] as Float64Array, level, nonMatches);
      }
    }
    const nextLambda = clamp(totalMatchMass / groups.patterns.length, options.probabilityFloor);
    const nextM = mSums.map((row) => floorAndNormalise(row, options.probabilityFloor));
    const nextU = uSums.map((row) => floorAndNormalise(row, options.probabilityFloor));
    const change = Math.max(Math.abs(nextLambda - lambda), largestChange(m, nextM), largestChange(u, nextU));
    lambda = nextLambda;
    m = nextM;
    u = nextU;
    if (change < options.tolerance) return { lambda, m, u, iterations: iteration, converged: true };
  }
  return { lambda, m, u, iterations: options.maxIterations, converged: false };
}

/** Share of each level among the pairs counted, per comparison, "missing" left out. */
export function levelFrequencies(patternCounts: Float64Array, probabilityFloor: number): Float64Array[] {
  const frequencies = LEVEL_COUNTS.map((count) => new Float64Array(count));
  for (let p = 0; p < PATTERN_COUNT; p++) {
    const count = patternCounts[p] as number;
    if (count === 0) continue;
    for (let c = 0; c < LEVEL_COUNTS.length; c++) addTo(frequencies[c] as Float64Array, levelOf(p, c), count);
  }
  return frequencies.map((row) => floorAndNormalise(row, probabilityFloor));
}

/**
 * Starting m values: most matches agree exactly, fewer at each weaker level. EM moves them; the
 * start only has to say which side of the mixture is "same person".
 */
export function genericMatchProbabilities(): Float64Array[] {
  return LEVEL_COUNTS.map((count) => {
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

/** Σ log2(m/u) of every pattern, so scoring a pair is one table look-up. */
export function patternWeights(model: ModelParameters): Float64Array {
  const weights = new Float64Array(PATTERN_COUNT);
  for (let p = 0; p < PATTERN_COUNT; p++) {
    let weight = 0;
    for (let c = 0; c < LEVEL_COUNTS.length; c++) weight += levelWeight(model, c, levelOf(p, c));
    weights[p] = weight;
  }
  return weights;
}

export function probabilityOfWeight(totalWeight: number, prior: number): number {
  return 1 / (1 + 2 ** -(prior + totalWeight));
}

function floorAndNormalise(row: Float64Array, floor: number): Float64Array {
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

function clamp(probability: number, floor: number): number {
  const bound = Math.max(floor, Number.EPSILON);
  return Math.min(1 - bound, Math.max(bound, probability));
}

function largestChange(before: Float64Array[], after: Float64Array[]): number {
  let largest = 0;
  before.forEach((row, c) => {
    const next = after[c] as Float64Array;
    for (let level = 1; level < row.length; level++) {
      largest = Math.max(largest, Math.abs((row[level] as number) - (next[level] as number)));
    }
  });
  return largest;
}
