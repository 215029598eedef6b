import { COMPARED_FIELDS, COMPARISON_LEVELS } from './field-comparisons';
import type { ModelParameters } from './fellegi-sunter-model';
import { buildEvidence, type EvidenceInput } from './link-evidence';
import type { LinkEvidence } from './match-result';

/** A run's model as match_run.model keeps it: m and u of each level of each field, and λ. */
export interface StoredModel {
  lambda: number;
  fields: Array<{ field: string; levels: Array<{ level: string; m: number; u: number }> }>;
}

/**
 * Evidence as a row keeps it: the pair's comparison pattern, its blocking rules, its method. With
 * the model of the run that wrote the row, that spells out every level and weight again exactly;
 * spelled out, it would be most of each row's size and of a run's writing time.
 */
export interface StoredEvidence {
  evidence_pattern: number | null;
  evidence_rule_mask: number | null;
  evidence_method: LinkEvidence['method'] | null;
  evidence_contacts: LinkEvidence['verifiedContacts'] | null;
  /** The model of the run that wrote the row. */
  run_model: StoredModel | null;
}

/** The SQL that reads StoredEvidence from a table aliased `alias` with a run_id column. */
export function storedEvidenceSql(alias: string): string {
  return `${alias}.evidence_pattern, ${alias}.evidence_rule_mask, ${alias}.evidence_method, ${alias}.evidence_contacts,
          (SELECT model FROM match_run WHERE id = ${alias}.run_id) AS run_model`;
}

export function storedEvidenceOf(input: EvidenceInput | undefined): Omit<StoredEvidence, 'run_model'> {
  return {
    evidence_pattern: input?.pattern ?? null,
    evidence_rule_mask: input?.ruleMask ?? null,
    evidence_method: input?.method ?? null,
    evidence_contacts: input ? (input.verifiedContacts ?? []) : null,
  };
}

/** Spells a row's evidence out again; undefined when the row has none (no candidate). */
export function evidenceOfRow(row: StoredEvidence): LinkEvidence | undefined {
  if (row.evidence_pattern === null || row.evidence_method === null || row.run_model === null)
    return undefined;
  return buildEvidence(modelParametersOf(row.run_model), {
    pattern: row.evidence_pattern,
    ruleMask: row.evidence_rule_mask ?? 0,
    method: row.evidence_method,
    verifiedContacts: row.evidence_contacts ?? [],
  });
}

function modelParametersOf(stored: StoredModel): ModelParameters {
  const levelsOf = (field: string) => stored.fields.find((entry) => entry.field === field)?.levels ?? [];
  const column = (key: 'm' | 'u') =>
    COMPARED_FIELDS.map((field) => {
      const levels = levelsOf(field);
      // A level the stored model does not name weighs nothing (m = u).
      return Float64Array.from(
        COMPARISON_LEVELS[field],
        (level) => levels.find((entry) => entry.level === level)?.[key] ?? 1,
      );
    });
  return { lambda: stored.lambda, m: column('m'), u: column('u') };
}
