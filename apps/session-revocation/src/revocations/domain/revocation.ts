import { backoffDelay, type Backoff } from '@rekey/background';
import type { AssuranceLevel, EnrollmentCompletedV1 } from '@rekey/contracts';
import type { LegacyFailure } from '../../legacy-system/domain/legacy-outcome';

/**
 * Where one journey's revocation stands (see revocation-states.mermaid):
 * `awaiting_link` — enrolment completed, but no verified link (legacy id → target id) is known yet;
 * `pending` — to be done: revoke every legacy session, then retire the legacy login;
 * `done` — both done and the events published; `failed` — the legacy system refused for good.
 * "Stalled" is a pending (or failed) revocation whose alert was raised.
 */
export type RevocationState = 'awaiting_link' | 'pending' | 'done' | 'failed';

export interface Revocation {
  journeyId: string;
  legacyAccountId: string;
  targetAccountId: string;
  waveId: string;
  methods: EnrollmentCompletedV1['methods'];
  assuranceLevel: AssuranceLevel;
  enrolledAt: Date;
  state: RevocationState;
  pendingSince?: Date | undefined;
  sessionsRevokedAt?: Date | undefined;
  revokedCount?: number | undefined;
  loginRetiredAt?: Date | undefined;
  attempts: number;
  nextAttemptAt?: Date | undefined;
  firstAttemptAt?: Date | undefined;
  lastErrorCode?: string | undefined;
  lastError?: string | undefined;
  stalledAlertedAt?: Date | undefined;
  doneAt?: Date | undefined;
  /**
   * The account's legacy sessions as listed just before the revoke step, all revoked by it: kept
   * only until the step's state change is saved, which records them in the session inventory.
   */
  revokedSessions?: readonly InventorySession[] | undefined;
}

/** A legacy session the inventory records as revoked. */
export interface InventorySession {
  sessionId: string;
  createdAt: Date;
}

export type RevocationStep = 'revoke_sessions' | 'retire_login' | 'finish';

/** Sessions first, then the login: a retired login with live sessions would still let them in. */
export function nextStep(revocation: Revocation): RevocationStep {
  if (!revocation.sessionsRevokedAt) return 'revoke_sessions';
  if (!revocation.loginRetiredAt) return 'retire_login';
  return 'finish';
}

/**
 * Stable per journey and step: a retry (after a timeout, a crash, on another replica) sends the
 * same key, so the legacy system applies each step at most once.
 */
export function idempotencyKey(
  revocation: Pick<Revocation, 'journeyId'>,
  step: 'revoke_sessions' | 'retire_login',
): string {
  const action = step === 'revoke_sessions' ? 'revoke-sessions' : 'retire-login';
  return `rekey-revocation:${revocation.journeyId}:${action}`;
}

/**
 * `listed` are the sessions found just before the revoke call; after it every one of them is
 * revoked (active and suspended ones by it, the others were already).
 */
export function sessionsRevoked(
  revocation: Revocation,
  revoked: number,
  revokedAt: Date,
  listed: ReadonlyArray<{ id: string; createdAt: Date }> = [],
): Revocation {
  const revokedSessions = listed.map((session) => ({ sessionId: session.id, createdAt: session.createdAt }));
  return { ...revocation, sessionsRevokedAt: revokedAt, revokedCount: revoked, revokedSessions };
}

export function loginRetired(revocation: Revocation, retiredAt: Date, now: Date): Revocation {
  return { ...revocation, loginRetiredAt: retiredAt, state: 'done', doneAt: now, nextAttemptAt: undefined };
}

/**
 * After a failed call: a transient failure is retried after an exponential backoff with full
 * jitter, never sooner than the legacy system's Retry-After; a permanent one stops the work.
 * The error's code and message are kept (they never hold a credential).
 */
export function afterFailure(
  revocation: Revocation,
  failure: LegacyFailure,
  now: Date,
  backoff: Backoff,
  random: () => number = Math.random,
): Revocation {
  const attempts = revocation.attempts + 1;
  const failed = { ...revocation, attempts, lastErrorCode: failure.code, lastError: failure.message };
  if (failure.kind === 'permanent') return { ...failed, state: 'failed', nextAttemptAt: undefined };
  const delay = Math.max(backoffDelay(backoff, attempts, random), failure.retryAfterMs ?? 0);
  return { ...failed, nextAttemptAt: new Date(now.getTime() + delay) };
}

/** Stalled: wanted for longer than `stalledAfterMs` and still not done, or refused for good. */
export function isStalled(revocation: Revocation, now: Date, stalledAfterMs: number): boolean {
  if (revocation.state === 'failed') return true;
  if (revocation.state !== 'pending' || !revocation.pendingSince) return false;
  return now.getTime() - revocation.pendingSince.getTime() >= stalledAfterMs;
}

/** Whether to raise the stalled alert now: once per revocation. */
export function shouldAlertStalled(revocation: Revocation, now: Date, stalledAfterMs: number): boolean {
  return !revocation.stalledAlertedAt && isStalled(revocation, now, stalledAfterMs);
}
