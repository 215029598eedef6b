import { JourneyStatuses, type JourneyStatus } from '../domain/journey-status';

/**
 * A journey status as an SQL literal, for the batch statements (journey-batch-statements.sql.ts):
 * the value still comes from the journeys' domain, computed once when the module loads, so the
 * statement's text and cost stay the same. Only the domain's own values pass.
 */
export function journeyStatusSql(status: JourneyStatus): string {
  if (!JourneyStatuses.includes(status)) throw new Error(`not a journey status: ${String(status)}`);
  return `'${status}'`;
}

/** Statuses as a comma-separated list of literals, for `IN (…)`. */
export function journeyStatusListSql(statuses: readonly JourneyStatus[]): string {
  if (statuses.length === 0) throw new Error('an empty list of journey statuses');
  return statuses.map(journeyStatusSql).join(', ');
}
