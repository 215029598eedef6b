import { ruleNamesOf } from './blocking-rules';
import { levelWeight, priorWeight, probabilityOfWeight, type ModelParameters } from './fellegi-sunter-model';
import type { FieldEvidence, LinkEvidence } from './match-result';

/** What a pattern and a rule mask mean: the comparisons, their levels, the rules, in run order. */
export interface ModelLayout {
  comparisons: ReadonlyArray<{ name: string; field: string; levels: readonly string[] }>;
  ruleNames: readonly string[];
}

export interface EvidenceInput {
  pattern: number;
  ruleMask: number;
  method: LinkEvidence['method'];
  verifiedContacts?: LinkEvidence['verifiedContacts'];
  /** Term-frequency adjustments of the pair, by comparison name (only those that are not 0). */
  adjustments?: Record<string, number>;
}

/** Spells out a pair's pattern: each field's level and weight, the rules that found it, the sum. */
export function buildEvidence(
  model: ModelParameters,
  layout: ModelLayout,
  input: EvidenceInput,
): LinkEvidence {
  let rest = input.pattern;
  const fields: FieldEvidence[] = layout.comparisons.map((comparison, c) => {
    const level = rest % comparison.levels.length;
    rest = Math.floor(rest / comparison.levels.length);
    const adjustment = input.adjustments?.[comparison.name] ?? 0;
    return {
      comparison: comparison.name,
      field: comparison.field,
      level: comparison.levels[level] as string,
      weight: round(levelWeight(model, c, level) + adjustment),
      ...(adjustment !== 0 ? { termFrequencyAdjustment: round(adjustment) } : {}),
    };
  });
  const totalWeight = fields.reduce((sum, field) => sum + field.weight, 0);
  const prior = priorWeight(model);
  return {
    method: input.method,
    verifiedContacts: input.verifiedContacts ?? [],
    blockingRules: ruleNamesOf(input.ruleMask, layout.ruleNames),
    fields,
    priorWeight: round(prior),
    totalWeight: round(totalWeight),
    probability: probabilityOfWeight(totalWeight, prior),
  };
}

// Evidence is stored and shown to reviewers: four decimals of a log2 weight are plenty.
export function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
