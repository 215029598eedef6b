import { Inject, Injectable } from '@nestjs/common';
import { backoffDelay, CLOCK, type Clock } from '@rekey/background';
import type { RekeyEvent } from '@rekey/contracts';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import type { CircuitBreaker } from '../legacy-system/domain/circuit-breaker';
import { CIRCUIT_OPEN, throughBreaker } from '../legacy-system/domain/guarded-call';
import type { LegacyFailure, LegacyOutcome } from '../legacy-system/domain/legacy-outcome';
import { LEGACY_CIRCUIT } from '../legacy-system/legacy-circuit';
import { LEGACY_SYSTEM, type LegacySystem } from '../legacy-system/legacy-system.port';
import { listThenRevoke } from '../revocations/list-then-revoke';
import type { RevocationsConfig } from '../revocations/revocations.environment';
import {
  holdIdempotencyKey,
  nextHoldStep,
  resumedEvent,
  shouldResume,
  suspendedEvent,
  type LegacyHold,
} from './domain/legacy-hold';
import { HOLD_STORE, type HoldChange, type HoldStore } from './hold-store.port';

/**
 * One pass over due holds, on the same worker and circuit as revocations: a placed hold suspends
 * the account's legacy sessions (or revokes them where the legacy system cannot suspend); a
 * released one resumes what it suspended. Returns how many holds it claimed.
 */
@Injectable()
export class RunDueHoldActions {
  constructor(
    @Inject(HOLD_STORE) private readonly store: HoldStore,
    @Inject(LEGACY_SYSTEM) private readonly legacy: LegacySystem,
    @Inject(LEGACY_CIRCUIT) private readonly breaker: CircuitBreaker,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: RevocationsConfig,
  ) {}

  async execute(signal?: AbortSignal, random: () => number = Math.random): Promise<number> {
    if (this.breaker.msUntilAllowed() > 0) return 0;
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + this.config.REVOCATION_LEASE_SECONDS * 1000);
    const due = await this.store.claimDue(now, this.config.REVOCATION_BATCH_SIZE, leaseUntil);
    const untouched: string[] = [];
    for (const hold of due) {
      if (signal?.aborted) untouched.push(hold.holdId);
      else if ((await this.advance(hold, random)) === CIRCUIT_OPEN) untouched.push(hold.holdId);
    }
    await this.store.releaseLeases(untouched);
    return due.length;
  }

  private async advance(hold: LegacyHold, random: () => number): Promise<'saved' | typeof CIRCUIT_OPEN> {
    const step = nextHoldStep(hold, this.legacy.canSuspend);
    if (!step) return this.save(hold, { resumption: 'not_needed' }, []);
    if (step === 'skip_suspension') return this.save(hold, { suspension: 'none' }, []);
    if (step === 'resume') {
      const resume = shouldResume(
        await this.store.otherHoldActive(hold),
        await this.store.revokedByEnrolment(hold.legacyAccountId),
      );
      if (!resume) return this.save(hold, { resumption: 'not_needed' }, []);
    }
    const key = holdIdempotencyKey(hold, step);
    const id = hold.legacyAccountId;
    if (step === 'revoke_instead') return this.revokeInstead(hold, key, random);
    const outcome: LegacyOutcome<number> | typeof CIRCUIT_OPEN = await throughBreaker(
      this.breaker,
      async () => {
        const answer =
          step === 'suspend'
            ? await this.legacy.suspendSessions(id, key)
            : await this.legacy.resumeSessions(id, key);
        if (answer.kind !== 'done') return answer;
        const value = answer.value as { suspended?: number; resumed?: number };
        return { kind: 'done', value: value.suspended ?? value.resumed ?? 0 };
      },
    );
    if (outcome === CIRCUIT_OPEN) return CIRCUIT_OPEN;
    const now = this.clock.now();
    if (outcome.kind !== 'done') return this.retryLater(hold, outcome, now, random);
    if (step === 'resume')
      return this.save(hold, { resumption: 'resumed', count: outcome.value }, [
        resumedEvent(hold, outcome.value, now),
      ]);
    return this.save(hold, { suspension: 'suspended', count: outcome.value }, [
      suspendedEvent(hold, outcome.value, false, now),
    ]);
  }

  /** Where the legacy system cannot suspend: list, then revoke, so the inventory knows the sessions. */
  private async revokeInstead(
    hold: LegacyHold,
    key: string,
    random: () => number,
  ): Promise<'saved' | typeof CIRCUIT_OPEN> {
    const outcome = await listThenRevoke(this.breaker, this.legacy, hold.legacyAccountId, key);
    if (outcome === CIRCUIT_OPEN) return CIRCUIT_OPEN;
    const now = this.clock.now();
    if (outcome.kind !== 'done') return this.retryLater(hold, outcome, now, random);
    const { revoked, revokedAt, sessions } = outcome.value;
    const inventory = sessions.map((session) => ({ sessionId: session.id, createdAt: session.createdAt }));
    return this.save(
      hold,
      { suspension: 'revoked_instead', count: revoked, revokedAt, sessions: inventory },
      [suspendedEvent(hold, revoked, true, now)],
    );
  }

  private async retryLater(
    hold: LegacyHold,
    outcome: LegacyFailure,
    now: Date,
    random: () => number,
  ): Promise<'saved'> {
    // A permanent refusal (an account the legacy system does not hold) is retried at the
    // longest backoff: a hold is never given up on silently.
    const attempts = outcome.kind === 'permanent' ? 30 : hold.attempts + 1;
    const backoff = {
      initialDelayMs: this.config.REVOCATION_RETRY_INITIAL_MS,
      maxDelayMs: this.config.REVOCATION_RETRY_MAX_MS,
    };
    const delay = Math.max(
      backoffDelay(backoff, attempts, random),
      outcome.kind === 'transient' ? (outcome.retryAfterMs ?? 0) : 0,
    );
    await this.store.retryLater(hold, new Date(now.getTime() + delay), outcome.code, outcome.message);
    return 'saved';
  }

  private async save(hold: LegacyHold, change: HoldChange, events: RekeyEvent[]): Promise<'saved'> {
    await this.store.save(hold, change, events);
    return 'saved';
  }
}
