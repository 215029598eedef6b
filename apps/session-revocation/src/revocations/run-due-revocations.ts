import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import { runCausedBy } from '@rekey/messaging';
import { inBackgroundSpan } from '@rekey/observability';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import type { CircuitBreaker } from '../legacy-system/domain/circuit-breaker';
import { CIRCUIT_OPEN, throughBreaker } from '../legacy-system/domain/guarded-call';
import { LEGACY_CIRCUIT } from '../legacy-system/legacy-circuit';
import { LEGACY_SYSTEM, type LegacySystem } from '../legacy-system/legacy-system.port';
import {
  afterFailure,
  idempotencyKey,
  loginRetired,
  nextStep,
  sessionsRevoked,
  type Revocation,
} from './domain/revocation';
import { listThenRevoke, type RevokedAndListed } from './list-then-revoke';
import { revocationDoneEvents, revocationStalledEvent } from './domain/revocation-events';
import { REVOCATION_STORE, type RevocationStore, type StoredCause } from './revocation-store.port';
import type { RevocationsConfig } from './revocations.environment';

/**
 * One pass of the revocation worker: claim due revocations under a lease, revoke each one's
 * legacy sessions and then retire its login (each step with its own stable idempotency key), and
 * commit `done` with its three events; a failure is saved with its retry time. Then raise the
 * stalled alerts that fell due. Returns how many revocations it claimed.
 */
@Injectable()
export class RunDueRevocations {
  constructor(
    @Inject(REVOCATION_STORE) private readonly store: RevocationStore,
    @Inject(LEGACY_SYSTEM) private readonly legacy: LegacySystem,
    @Inject(LEGACY_CIRCUIT) private readonly breaker: CircuitBreaker,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: RevocationsConfig,
  ) {}

  /** `signal` (the loop stopping) leaves the rows not yet started to the next replica at once. */
  async execute(signal?: AbortSignal, random: () => number = Math.random): Promise<number> {
    let claimed = 0;
    // While the circuit is open nothing is claimed: the legacy system is left alone.
    if (this.breaker.msUntilAllowed() === 0) {
      const now = this.clock.now();
      const leaseUntil = new Date(now.getTime() + this.config.REVOCATION_LEASE_SECONDS * 1000);
      const due = await this.store.claimDue(now, this.config.REVOCATION_BATCH_SIZE, leaseUntil);
      claimed = due.length;
      const untouched: string[] = [];
      for (const { revocation, cause } of due) {
        if (signal?.aborted) {
          untouched.push(revocation.journeyId);
          continue;
        }
        const journey = {
          journeyId: revocation.journeyId,
          waveId: revocation.waveId,
          legacyAccountId: revocation.legacyAccountId,
        };
        const eventCause =
          cause?.eventId && cause.correlationId
            ? { eventId: cause.eventId, correlationId: cause.correlationId }
            : undefined;
        const result = await inBackgroundSpan(
          'revoke legacy sessions',
          // One cause, the completed enrolment: the revocation continues its trace.
          { parent: traceContextOf(cause), journey },
          () => runCausedBy(eventCause, () => this.advance(revocation, cause, random)),
        );
        if (result === CIRCUIT_OPEN) untouched.push(revocation.journeyId);
      }
      await this.store.release(untouched);
    }
    await this.raiseStalledAlerts();
    return claimed;
  }

  private async advance(
    claimed: Revocation,
    cause: StoredCause | undefined,
    random: () => number,
  ): Promise<'saved' | typeof CIRCUIT_OPEN> {
    let revocation = claimed;
    for (;;) {
      const step = nextStep(revocation);
      if (step === 'finish') break;
      const key = idempotencyKey(revocation, step);
      const outcome =
        step === 'revoke_sessions'
          ? await listThenRevoke(this.breaker, this.legacy, revocation.legacyAccountId, key)
          : await throughBreaker(this.breaker, () =>
              this.legacy.retireLogin(revocation.legacyAccountId, key),
            );
      if (outcome === CIRCUIT_OPEN) {
        if (revocation === claimed) return CIRCUIT_OPEN;
        await this.store.save(revocation, []);
        return 'saved';
      }
      if (outcome.kind !== 'done') {
        const backoff = {
          initialDelayMs: this.config.REVOCATION_RETRY_INITIAL_MS,
          maxDelayMs: this.config.REVOCATION_RETRY_MAX_MS,
        };
        await this.store.save(afterFailure(revocation, outcome, this.clock.now(), backoff, random), []);
        return 'saved';
      }
      const value = outcome.value as RevokedAndListed | { retiredAt: Date };
      revocation =
        'revoked' in value
          ? sessionsRevoked(revocation, value.revoked, value.revokedAt, value.sessions)
          : loginRetired(revocation, value.retiredAt, this.clock.now());
    }
    await this.store.save(revocation, revocationDoneEvents(revocation, cause, this.clock.now()));
    return 'saved';
  }

  private async raiseStalledAlerts(): Promise<void> {
    const now = this.clock.now();
    const stalledBefore = new Date(now.getTime() - this.config.REVOCATION_STALLED_AFTER);
    await this.store.alertStalled(now, stalledBefore, 100, (revocation, cause) =>
      revocationStalledEvent(revocation, cause, now),
    );
  }
}

function traceContextOf(cause: StoredCause | undefined): Record<string, string | undefined> | undefined {
  return cause?.traceparent ? { traceparent: cause.traceparent, tracestate: cause.tracestate } : undefined;
}
