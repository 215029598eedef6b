import {
  done,
  permanent,
  type LegacyFailure,
  type LegacyOutcome,
} from '../legacy-system/domain/legacy-outcome';
import type { LegacyAccountSessions, LegacySystem } from '../legacy-system/legacy-system.port';
import { LegacyAccounts, type FakeAction, type FakeAnswer } from './legacy-accounts.fake';

/**
 * The legacy system in memory, for unit tests: the same accounts and idempotency as the in-test
 * HTTP server. `failWith` makes every call answer a failure until it is cleared.
 */
export class LegacySystemFake implements LegacySystem {
  failure: LegacyFailure | undefined;
  calls = 0;

  constructor(
    readonly accounts: LegacyAccounts = new LegacyAccounts(),
    readonly canSuspend = true,
  ) {}

  failWith(failure: LegacyFailure | undefined): void {
    this.failure = failure;
  }

  async listSessions(legacyAccountId: string): Promise<LegacyOutcome<LegacyAccountSessions>> {
    const answer = this.answer(() => this.accounts.list(legacyAccountId));
    if (answer.kind !== 'done') return answer;
    const body = answer.value as {
      loginRetired: boolean;
      sessions: Array<{ id: string; createdAt: string; status: 'active' | 'suspended' | 'revoked' }>;
    };
    return done({
      legacyAccountId,
      loginRetired: body.loginRetired,
      sessions: body.sessions.map((session) => ({ ...session, createdAt: new Date(session.createdAt) })),
    });
  }

  async revokeAllSessions(legacyAccountId: string, idempotencyKey: string) {
    const answer = this.mutate('revoke', legacyAccountId, idempotencyKey);
    if (answer.kind !== 'done') return answer;
    const body = answer.value as { revoked: number; revokedAt: string };
    return done({ revoked: body.revoked, revokedAt: new Date(body.revokedAt) });
  }

  async suspendSessions(legacyAccountId: string, idempotencyKey: string) {
    return this.mutate('suspend', legacyAccountId, idempotencyKey) as LegacyOutcome<{ suspended: number }>;
  }

  async resumeSessions(legacyAccountId: string, idempotencyKey: string) {
    return this.mutate('resume', legacyAccountId, idempotencyKey) as LegacyOutcome<{ resumed: number }>;
  }

  async retireLogin(legacyAccountId: string, idempotencyKey: string) {
    const answer = this.mutate('retire', legacyAccountId, idempotencyKey);
    if (answer.kind !== 'done') return answer;
    return done({ retiredAt: new Date((answer.value as { retiredAt: string }).retiredAt) });
  }

  private mutate(action: FakeAction, legacyAccountId: string, key: string): LegacyOutcome<unknown> {
    return this.answer(() => this.accounts.apply(action, legacyAccountId, key));
  }

  private answer(call: () => FakeAnswer): LegacyOutcome<unknown> {
    this.calls += 1;
    if (this.failure) return this.failure;
    const answer = call();
    if (answer.status === 404) return permanent('legacy.unknown-account', 'answered 404');
    return done(answer.body);
  }
}
