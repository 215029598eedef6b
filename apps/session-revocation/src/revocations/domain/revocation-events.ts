import {
  createEvent,
  MigrationAccountMigratedV1,
  MigrationLegacySessionsRevokedV1,
  SessionLegacySessionsRevokedV1,
  SessionRevocationStalledV1,
  type EventContext,
  type RekeyEvent,
} from '@rekey/contracts';
import type { Revocation } from './revocation';

export const SOURCE = 'session-revocation';

/** What the stored cause (the enrolment-completed event) makes of the events the work writes. */
export interface RevocationCause {
  eventId?: string;
  correlationId?: string;
}

function contextOf(revocation: Revocation, cause: RevocationCause | undefined): EventContext {
  return {
    source: SOURCE,
    subject: revocation.legacyAccountId,
    journeyId: revocation.journeyId,
    ...(cause?.correlationId ? { correlationId: cause.correlationId } : {}),
    ...(cause?.eventId ? { causationId: cause.eventId } : {}),
  };
}

/**
 * The three events of a finished revocation, committed with its `done` state: the internal one
 * for audit and the two public ones downstream applications read on rekey.migration.
 */
export function revocationDoneEvents(
  revocation: Revocation,
  cause: RevocationCause | undefined,
  now: Date,
): RekeyEvent[] {
  const { sessionsRevokedAt, loginRetiredAt } = revocation;
  if (!sessionsRevokedAt || !loginRetiredAt) throw new Error('a revocation is done only once both steps are');
  const context = contextOf(revocation, cause);
  const clock = () => now;
  const revokedAt = sessionsRevokedAt.toISOString();
  return [
    createEvent(
      SessionLegacySessionsRevokedV1,
      {
        legacyAccountId: revocation.legacyAccountId,
        journeyId: revocation.journeyId,
        revokedCount: revocation.revokedCount ?? 0,
        revokedAt,
        legacyLoginRetired: true,
      },
      context,
      clock,
    ),
    createEvent(
      MigrationLegacySessionsRevokedV1,
      { legacyAccountId: revocation.legacyAccountId, targetAccountId: revocation.targetAccountId, revokedAt },
      context,
      clock,
    ),
    createEvent(
      MigrationAccountMigratedV1,
      {
        legacyAccountId: revocation.legacyAccountId,
        targetAccountId: revocation.targetAccountId,
        journeyId: revocation.journeyId,
        waveId: revocation.waveId,
        methods: revocation.methods,
        assuranceLevel: revocation.assuranceLevel,
        enrolledAt: revocation.enrolledAt.toISOString(),
        legacySessionsRevokedAt: revokedAt,
        migratedAt: loginRetiredAt.toISOString(),
      },
      context,
      clock,
    ),
  ];
}

export function revocationStalledEvent(
  revocation: Revocation,
  cause: RevocationCause | undefined,
  now: Date,
): RekeyEvent {
  return createEvent(
    SessionRevocationStalledV1,
    {
      legacyAccountId: revocation.legacyAccountId,
      journeyId: revocation.journeyId,
      attempts: revocation.attempts,
      firstAttemptAt: (revocation.firstAttemptAt ?? revocation.pendingSince ?? now).toISOString(),
      lastErrorCode: revocation.lastErrorCode ?? 'legacy.not-attempted',
    },
    contextOf(revocation, cause),
    () => now,
  );
}
