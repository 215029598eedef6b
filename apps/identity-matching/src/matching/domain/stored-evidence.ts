import type { ModelParameters } from './fellegi-sunter-model';
import { buildEvidence, type EvidenceInput, type ModelLayout } from './link-evidence';
import type { LinkEvidence, NearMiss } from './match-result';

/**
 * A run's model as match_run.model keeps it: m and u of each level of each comparison, in the
 * run's order, λ, and the run's blocking rules. Patterns and rule masks of that run's rows are
 * read with it, whatever the configuration is today.
 */
export interface StoredModel {
  lambda: number;
  fields: Array<{ field: string; compared?: string; levels: Array<{ level: string; m: number; u: number }> }>;
  blockingRules?: string[];
}

/** The blocking rules of runs that stored no rule names: the rules before they were configured. */
const FIRST_BLOCKING_RULES = [
  'family-phonetic+birth-date',
  'names-phonetic+birth-year',
  'postcode+initials',
  'phone',
  'email-local-part',
];
/** The field names of runs before comparisons were configured. */
const FIRST_FIELD_NAMES: Record<string, string> = {
  givenName: 'given_name',
  familyName: 'family_name',
  dateOfBirth: 'date_of_birth',
};

/** What a row keeps beside the pattern: term-frequency adjustments, and the near misses of a new account. */
export interface EvidenceDetail {
  adjustments?: Record<string, number>;
  nearMisses?: NearMiss[];
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
  evidence_detail: EvidenceDetail | null;
  /** The model of the run that wrote the row. */
  run_model: StoredModel | null;
}

/** The SQL that reads StoredEvidence from a table aliased `alias` with a run_id column. */
export function storedEvidenceSql(alias: string): string {
  return `${alias}.evidence_pattern, ${alias}.evidence_rule_mask, ${alias}.evidence_method, ${alias}.evidence_contacts,
          ${alias}.evidence_detail, (SELECT model FROM match_run WHERE id = ${alias}.run_id) AS run_model`;
}

export function storedEvidenceOf(
  input: EvidenceInput | undefined,
  nearMisses?: readonly NearMiss[],
): Omit<StoredEvidence, 'run_model'> {
  const detail: EvidenceDetail = {
    ...(input?.adjustments ? { adjustments: input.adjustments } : {}),
    ...(nearMisses && nearMisses.length > 0 ? { nearMisses: [...nearMisses] } : {}),
  };
  return {
    evidence_pattern: input?.pattern ?? null,
    evidence_rule_mask: input?.ruleMask ?? null,
    evidence_method: input?.method ?? null,
    evidence_contacts: input ? (input.verifiedContacts ?? []) : null,
    evidence_detail: Object.keys(detail).length > 0 ? detail : null,
  };
}

/** Spells a row's evidence out again; undefined when the row has none (no candidate). */
export function evidenceOfRow(row: StoredEvidence): LinkEvidence | undefined {
  if (row.evidence_pattern === null || row.evidence_method === null || row.run_model === null)
    return undefined;
  const { parameters, layout } = modelOf(row.run_model);
  return buildEvidence(parameters, layout, {
    pattern: row.evidence_pattern,
    ruleMask: row.evidence_rule_mask ?? 0,
    method: row.evidence_method,
    verifiedContacts: row.evidence_contacts ?? [],
    ...(row.evidence_detail?.adjustments ? { adjustments: row.evidence_detail.adjustments } : {}),
  });
}

export function nearMissesOfRow(row: Pick<StoredEvidence, 'evidence_detail'>): NearMiss[] {
  return row.evidence_detail?.nearMisses ?? [];
}

function modelOf(stored: StoredModel): { parameters: ModelParameters; layout: ModelLayout } {
  const column = (key: 'm' | 'u') =>
    stored.fields.map((field) => Float64Array.from(field.levels, (level) => level[key]));
  return {
    parameters: { lambda: stored.lambda, m: column('m'), u: column('u') },
    layout: {
      comparisons: stored.fields.map((field) => ({
        name: field.field,
        field: field.compared ?? FIRST_FIELD_NAMES[field.field] ?? field.field,
        levels: field.levels.map((level) => level.level),
      })),
      ruleNames: stored.blockingRules ?? FIRST_BLOCKING_RULES,
    },
  };
}
