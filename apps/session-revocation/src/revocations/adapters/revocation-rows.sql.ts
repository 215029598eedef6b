import type { AssuranceLevel } from '@rekey/contracts';
import type { Revocation, RevocationState } from '../domain/revocation';
import type { StoredCause } from '../revocation-store.port';

export const revocationColumns = `journey_id, legacy_account_id, target_account_id, wave_id, methods,
  assurance_level, enrolled_at, state, pending_since, sessions_revoked_at, revoked_count,
  login_retired_at, attempts, next_attempt_at, first_attempt_at, last_error_code, last_error,
  stalled_alerted_at, done_at, cause`;

export interface RevocationRow {
  journey_id: string;
  legacy_account_id: string;
  target_account_id: string;
  wave_id: string;
  methods: Revocation['methods'];
  assurance_level: AssuranceLevel;
  enrolled_at: Date;
  state: RevocationState;
  pending_since: Date | null;
  sessions_revoked_at: Date | null;
  revoked_count: number | null;
  login_retired_at: Date | null;
  attempts: number;
  next_attempt_at: Date | null;
  first_attempt_at: Date | null;
  last_error_code: string | null;
  last_error: string | null;
  stalled_alerted_at: Date | null;
  done_at: Date | null;
  cause: StoredCause | null;
}

const optional = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

export function toRevocation(row: RevocationRow): Revocation {
  return {
    journeyId: row.journey_id,
    legacyAccountId: row.legacy_account_id,
    targetAccountId: row.target_account_id,
    waveId: row.wave_id,
    methods: row.methods,
    assuranceLevel: row.assurance_level,
    enrolledAt: row.enrolled_at,
    state: row.state,
    pendingSince: optional(row.pending_since),
    sessionsRevokedAt: optional(row.sessions_revoked_at),
    revokedCount: optional(row.revoked_count),
    loginRetiredAt: optional(row.login_retired_at),
    attempts: row.attempts,
    nextAttemptAt: optional(row.next_attempt_at),
    firstAttemptAt: optional(row.first_attempt_at),
    lastErrorCode: optional(row.last_error_code),
    lastError: optional(row.last_error),
    stalledAlertedAt: optional(row.stalled_alerted_at),
    doneAt: optional(row.done_at),
  };
}
