import {
  createEvent,
  SessionLegacySessionsResumedV1,
  SessionLegacySessionsSuspendedV1,
  type RekeyEvent,
} from '@rekey/contracts';

/**
 * A hold's effect at the legacy side. `suspension`: `pending` until done; `suspended`, or
 * `revoked_instead` where the legacy system cannot suspend; `none` when the hold was released
 * before anything was suspended. `resumption`, once released: `pending`, then `resumed`, or
 * `not_needed` (nothing suspended, another hold still in place, or enrolment revoked them since).
 */
export interface LegacyHold {
  holdId: string;
  legacyAccountId: string;
  source: 'reset' | 'fraud';
  releasedAt?: Date | undefined;
  suspension: 'pending' | 'suspended' | 'revoked_instead' | 'none';
  resumption?: 'pending' | 'resumed' | 'not_needed' | undefined;
  attempts: number;
}

export type HoldStep = 'suspend' | 'revoke_instead' | 'resume' | 'skip_suspension';

/** What the worker does next for a claimed hold, given whether the legacy system can suspend. */
export function nextHoldStep(hold: LegacyHold, canSuspend: boolean): HoldStep | undefined {
  if (hold.suspension === 'pending') {
    // Released before the suspension went out: nothing to suspend, nothing to resume later.
    if (hold.releasedAt) return 'skip_suspension';
    return canSuspend ? 'suspend' : 'revoke_instead';
  }
  if (hold.resumption === 'pending') return 'resume';
  return undefined;
}

export function holdIdempotencyKey(
  hold: Pick<LegacyHold, 'holdId'>,
  step: 'suspend' | 'revoke_instead' | 'resume',
): string {
  return `rekey-hold:${hold.holdId}:${step === 'revoke_instead' ? 'revoke' : step}`;
}

/**
 * A released hold resumes only what it suspended, and only when no other hold still wants the
 * sessions suspended and enrolment has not revoked them since (the legacy system keeps revoked
 * sessions revoked anyway: this keeps the record honest and spares the call).
 */
export function shouldResume(otherHoldActive: boolean, revokedByEnrolment: boolean): boolean {
  return !otherHoldActive && !revokedByEnrolment;
}

export function suspendedEvent(
  hold: LegacyHold,
  count: number,
  revokedInstead: boolean,
  now: Date,
): RekeyEvent {
  return createEvent(
    SessionLegacySessionsSuspendedV1,
    {
      legacyAccountId: hold.legacyAccountId,
      holdId: hold.holdId,
      suspendedCount: count,
      suspendedAt: now.toISOString(),
      revokedInstead,
    },
    { source: 'session-revocation', subject: hold.legacyAccountId },
    () => now,
  );
}

export function resumedEvent(hold: LegacyHold, count: number, now: Date): RekeyEvent {
  return createEvent(
    SessionLegacySessionsResumedV1,
    {
      legacyAccountId: hold.legacyAccountId,
      holdId: hold.holdId,
      resumedCount: count,
      resumedAt: now.toISOString(),
    },
    { source: 'session-revocation', subject: hold.legacyAccountId },
    () => now,
  );
}
