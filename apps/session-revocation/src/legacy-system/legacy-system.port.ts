import type { LegacyOutcome } from './domain/legacy-outcome';

export const LEGACY_SYSTEM = Symbol('LegacySystem');

export type LegacySessionStatus = 'active' | 'suspended' | 'revoked';

export interface LegacySession {
  id: string;
  createdAt: Date;
  status: LegacySessionStatus;
}

export interface LegacyAccountSessions {
  legacyAccountId: string;
  loginRetired: boolean;
  sessions: LegacySession[];
}

/**
 * The legacy CIAM as session revocation needs it. Every mutating call takes an idempotency key:
 * the same key again has no second effect at the legacy side (it replays the first answer), so a
 * retry after a timeout or a crash never revokes twice. Calls never throw for the legacy system's
 * failures: they answer a classified outcome.
 */
export interface LegacySystem {
  /** False when the legacy system cannot suspend sessions: a hold then revokes them instead. */
  readonly canSuspend: boolean;
  listSessions(legacyAccountId: string): Promise<LegacyOutcome<LegacyAccountSessions>>;
  /** Active and suspended sessions become revoked. */
  revokeAllSessions(
    legacyAccountId: string,
    idempotencyKey: string,
  ): Promise<LegacyOutcome<{ revoked: number; revokedAt: Date }>>;
  /** Active sessions become suspended. */
  suspendSessions(
    legacyAccountId: string,
    idempotencyKey: string,
  ): Promise<LegacyOutcome<{ suspended: number }>>;
  /** Suspended sessions become active again; revoked ones stay revoked. */
  resumeSessions(
    legacyAccountId: string,
    idempotencyKey: string,
  ): Promise<LegacyOutcome<{ resumed: number }>>;
  /** The legacy password can never sign in again. */
  retireLogin(legacyAccountId: string, idempotencyKey: string): Promise<LegacyOutcome<{ retiredAt: Date }>>;
}
