import type { ComparisonSet } from './field-comparisons';
import { levelWeight, type ModelParameters } from './fellegi-sunter-model';
import type { RecordFeatures } from './record-features';
import type { TermFrequencies } from './term-frequencies';

/**
 * Scores pairs: the weight of the pair's pattern (Σ log2(m/u), computed once per distinct pattern)
 * plus, for each term-frequency comparison at a level where the values agree, log2(u / tf(value)):
 * u is the chance that two different people agree so, tf the chance they agree on this value.
 */
export class PairScorer {
  private readonly patternWeights = new Map<number, number>();
  private readonly adjusted: number[];

  constructor(
    private readonly model: ModelParameters,
    private readonly set: ComparisonSet,
    private readonly frequencies: TermFrequencies,
    private readonly minimumFrequency: number,
  ) {
    this.adjusted = set.comparisons.flatMap((comparison, c) => (frequencies[c] ? [c] : []));
  }

  patternWeight(pattern: number): number {
    let weight = this.patternWeights.get(pattern);
    if (weight === undefined) {
      weight = 0;
      for (let c = 0; c < this.set.comparisons.length; c++)
        weight += levelWeight(this.model, c, this.set.levelOf(pattern, c));
      this.patternWeights.set(pattern, weight);
    }
    return weight;
  }

  /** The term-frequency adjustment of comparison `c` for this pair; 0 when none applies. */
  adjustment(c: number, pattern: number, legacy: RecordFeatures, l: number): number {
    const frequencies = this.frequencies[c];
    const comparison = this.set.comparisons[c];
    if (frequencies === undefined || comparison === undefined) return 0;
    const level = this.set.levelOf(pattern, c);
    if (!comparison.termFrequencyLevels[level]) return 0;
    const frequency = Math.max(this.minimumFrequency, frequencies[comparison.valueOf(legacy, l)] ?? 0);
    return Math.log2(((this.model.u[c] as Float64Array)[level] as number) / frequency);
  }

  weightOf(pattern: number, legacy: RecordFeatures, l: number): number {
    let weight = this.patternWeight(pattern);
    for (const c of this.adjusted) weight += this.adjustment(c, pattern, legacy, l);
    return weight;
  }
}
