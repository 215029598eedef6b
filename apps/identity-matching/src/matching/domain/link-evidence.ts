import { ruleNamesOf } from './blocking-rules';
import { COMPARED_FIELDS, COMPARISON_LEVELS, levelOf } from './field-comparisons';
import { levelWeight, priorWeight, probabilityOfWeight, type ModelParameters } from './fellegi-sunter-model';
import type { FieldEvidence, LinkEvidence } from './match-result';

export interface EvidenceInput {
  pattern: number;
  ruleMask: number;
  method: LinkEvidence['method'];
  verifiedContacts?: LinkEvidence['verifiedContacts'];
}

/** Spells out a pair's pattern: each field's level and weight, the rules that found it, the sum. */
export function buildEvidence(model: ModelParameters, input: EvidenceInput): LinkEvidence {
  const fields: FieldEvidence[] = COMPARED_FIELDS.map((field, comparison) => {
    const level = levelOf(input.pattern, comparison);
    return {
      field,
      level: COMPARISON_LEVELS[field][level] as string,
      weight: round(levelWeight(model, comparison, level)),
    };
  });
  const totalWeight = fields.reduce((sum, field) => sum + field.weight, 0);
  const prior = priorWeight(model);
  return {
    method: input.method,
    verifiedContacts: input.verifiedContacts ?? [],
    blockingRules: ruleNamesOf(input.ruleMask),
    fields,
    priorWeight: round(prior),
    totalWeight: round(totalWeight),
    probability: probabilityOfWeight(totalWeight, prior),
  };
}

// Evidence is stored and shown to reviewers: four decimals of a log2 weight are plenty.
function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
