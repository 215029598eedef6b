import type { ComparisonSet } from './field-comparisons';
import type { RecordFeatures } from './record-features';

/**
 * How often each value of a term-frequency comparison occurs, over both directories: agreeing on
 * "smith" is weaker evidence than agreeing on a rare name, as Splink weighs it. Indexed by the
 * interned value; undefined for comparisons without term frequencies.
 */
export type TermFrequencies = ReadonlyArray<Float32Array | undefined>;

export function countTermFrequencies(
  set: ComparisonSet,
  legacy: RecordFeatures,
  target: RecordFeatures,
): TermFrequencies {
  return set.comparisons.map((comparison) => {
    if (!comparison.termFrequencyLevels.includes(true)) return undefined;
    const frequencies = new Float32Array(legacy.vocabulary.size);
    let present = 0;
    for (const features of [legacy, target]) {
      for (let index = 0; index < features.count; index++) {
        const value = comparison.valueOf(features, index);
        if (value === 0) continue;
        frequencies[value] = (frequencies[value] as number) + 1;
        present++;
      }
    }
    if (present > 0)
      for (let value = 0; value < frequencies.length; value++)
        frequencies[value] = (frequencies[value] as number) / present;
    return frequencies;
  });
}
