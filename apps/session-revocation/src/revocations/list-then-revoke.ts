import type { CircuitBreaker } from '../legacy-system/domain/circuit-breaker';
import { CIRCUIT_OPEN, throughBreaker } from '../legacy-system/domain/guarded-call';
import type { LegacyOutcome } from '../legacy-system/domain/legacy-outcome';
import type { LegacySession, LegacySystem } from '../legacy-system/legacy-system.port';

export interface RevokedAndListed {
  revoked: number;
  revokedAt: Date;
  /** The sessions listed just before the revoke: all of them are revoked after it. */
  sessions: LegacySession[];
}

/**
 * The revoke step with its inventory: list the account's sessions, then revoke them all, both
 * through the breaker. Listing again after a crash is harmless (it changes nothing), and the
 * revoke's idempotency key makes the second revoke a replay. A session created between the two
 * calls is revoked but not listed; a re-sync records what the inventory missed.
 */
export async function listThenRevoke(
  breaker: CircuitBreaker,
  legacy: LegacySystem,
  legacyAccountId: string,
  idempotencyKey: string,
): Promise<LegacyOutcome<RevokedAndListed> | typeof CIRCUIT_OPEN> {
  const listed = await throughBreaker(breaker, () => legacy.listSessions(legacyAccountId));
  if (listed === CIRCUIT_OPEN || listed.kind !== 'done') return listed;
  const revoked = await throughBreaker(breaker, () =>
    legacy.revokeAllSessions(legacyAccountId, idempotencyKey),
  );
  if (revoked === CIRCUIT_OPEN || revoked.kind !== 'done') return revoked;
  return { kind: 'done', value: { ...revoked.value, sessions: listed.value.sessions } };
}
