import type { AssuranceLevel } from '@rekey/contracts';
import type { Enrolment, EnrolmentStatus } from '../domain/enrolment';

export interface EnrolmentRow {
  journey_id: string;
  legacy_account_id: string;
  target_account_id: string;
  wave_id: string;
  status: EnrolmentStatus;
  minimum_assurance: AssuranceLevel;
  password_bridge_ends_at: Date;
  started_at: Date;
  journey_traceparent: string | null;
}

const COLUMNS = [
  'journey_id',
  'legacy_account_id',
  'target_account_id',
  'wave_id',
  'status',
  'minimum_assurance',
  'password_bridge_ends_at',
  'started_at',
  'journey_traceparent',
];

/** The columns toEnrolment reads, qualified by `alias` in a join. */
export function enrolmentColumns(alias?: string): string {
  return COLUMNS.map((column) => (alias ? `${alias}.${column}` : column)).join(', ');
}

export function toEnrolment(row: EnrolmentRow): Enrolment {
  return {
    journeyId: row.journey_id,
    legacyAccountId: row.legacy_account_id,
    targetAccountId: row.target_account_id,
    waveId: row.wave_id,
    status: row.status,
    minimumAssurance: row.minimum_assurance,
    passwordBridgeEndsAt: row.password_bridge_ends_at,
    startedAt: row.started_at,
    ...(row.journey_traceparent ? { journeyTraceparent: row.journey_traceparent } : {}),
  };
}
