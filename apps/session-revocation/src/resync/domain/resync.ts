import type { EventActor } from '@rekey/contracts';
import type { LegacyAccountSessions } from '../../legacy-system/legacy-system.port';

/**
 * A re-sync run compares every done revocation of one wave with the legacy system and repairs
 * drift: `running` while accounts are left (it walks them by journey id), then `completed`.
 */
export type ResyncState = 'running' | 'completed';

export interface ResyncCounts {
  accountsChecked: number;
  accountsWithDrift: number;
  sessionsRevoked: number;
  loginsRetired: number;
  failures: number;
}

export interface ResyncFailure {
  legacyAccountId: string;
  code: string;
}

export interface ResyncRun {
  runId: string;
  waveId: string;
  requestedBy: EventActor;
  state: ResyncState;
  /** The last journey checked: the next batch starts after it. */
  afterJourneyId?: string | undefined;
  /** Tries of the account after the cursor: a transient failure retries it, a few times. */
  currentAttempts: number;
  counts: ResyncCounts;
  failures: ResyncFailure[];
  startedAt: Date;
  completedAt?: Date | undefined;
}

/** A done revocation the run checks. */
export interface ResyncTarget {
  journeyId: string;
  legacyAccountId: string;
}

/** Tries per account before a transient failure is reported as a failure and the run moves on. */
export const MAX_ATTEMPTS_PER_ACCOUNT = 5;

export interface Drift {
  /** Active or suspended: created (or resumed) at the legacy side after the revocation. */
  sessions: LegacyAccountSessions['sessions'];
  loginNotRetired: boolean;
}

export function driftOf(listing: LegacyAccountSessions): Drift {
  return {
    sessions: listing.sessions.filter((session) => session.status !== 'revoked'),
    loginNotRetired: !listing.loginRetired,
  };
}

export function hasDrift(drift: Drift): boolean {
  return drift.sessions.length > 0 || drift.loginNotRetired;
}

/**
 * Stable per run, account and repair: a repair retried after a timeout or a crash is a replay at
 * the legacy side, while a later run may repair the same account again.
 */
export function resyncKey(runId: string, legacyAccountId: string, repair: 'revoke' | 'retire'): string {
  return `rekey-resync:${runId}:${legacyAccountId}:${repair}`;
}

/** What one checked account adds to the run's counts. */
export function countsAfter(
  counts: ResyncCounts,
  checked: { sessionsRevoked: number; loginRetiredAgain: boolean } | 'failed',
): ResyncCounts {
  if (checked === 'failed')
    return { ...counts, accountsChecked: counts.accountsChecked + 1, failures: counts.failures + 1 };
  const drifted = checked.sessionsRevoked > 0 || checked.loginRetiredAgain;
  return {
    ...counts,
    accountsChecked: counts.accountsChecked + 1,
    accountsWithDrift: counts.accountsWithDrift + (drifted ? 1 : 0),
    sessionsRevoked: counts.sessionsRevoked + checked.sessionsRevoked,
    loginsRetired: counts.loginsRetired + (checked.loginRetiredAgain ? 1 : 0),
  };
}

export const NO_COUNTS: ResyncCounts = {
  accountsChecked: 0,
  accountsWithDrift: 0,
  sessionsRevoked: 0,
  loginsRetired: 0,
  failures: 0,
};
