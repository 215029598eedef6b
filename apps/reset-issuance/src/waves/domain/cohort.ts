import type { Band, Segment } from '@rekey/contracts';
import { WaveCohortInvalid } from './wave.errors';

export interface CohortRule {
  kind: 'rule';
  /** Primary segments chosen; empty means every segment. */
  segments: Segment[];
  /** Bands chosen; empty means every band. */
  bands: Band[];
}

/** An explicit list of legacy account ids, stored once under its own id. */
export interface CohortList {
  kind: 'list';
  accountListId: string;
  size: number;
}

/** Who a wave resets: a rule over segments and bands, or an explicit account list. */
export type Cohort = CohortRule | CohortList;

export interface CohortRequest {
  segments: Segment[];
  bands: Band[];
  legacyAccountIds: string[];
}

export interface DefinedCohort {
  cohort: Cohort;
  /** The list's accounts, without duplicates; empty for a rule. */
  listedAccountIds: string[];
}

/** A request names either a rule or a list; both at once would leave the operator guessing which wins. */
export function defineCohort(request: CohortRequest, newListId: () => string): DefinedCohort {
  const ids = [...new Set(request.legacyAccountIds)];
  if (ids.length > 0) {
    if (request.segments.length > 0 || request.bands.length > 0) {
      throw new WaveCohortInvalid('give either legacyAccountIds or segments/bands, not both');
    }
    return { cohort: { kind: 'list', accountListId: newListId(), size: ids.length }, listedAccountIds: ids };
  }
  return {
    cohort: { kind: 'rule', segments: [...new Set(request.segments)], bands: [...new Set(request.bands)] },
    listedAccountIds: [],
  };
}

/** The account facts a cohort rule looks at. */
export interface CohortCandidate {
  /** The primary segment: an account that is privileged and standard belongs in the privileged wave. */
  segment: Segment;
  band: Band;
}

/** The rule as a predicate; the wave store's snapshot query says the same in SQL. */
export function matchesRule(rule: CohortRule, account: CohortCandidate): boolean {
  const segmentMatches = rule.segments.length === 0 || rule.segments.includes(account.segment);
  const bandMatches = rule.bands.length === 0 || rule.bands.includes(account.band);
  return segmentMatches && bandMatches;
}
