import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import { inBackgroundSpan } from '@rekey/observability';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import type { CircuitBreaker } from '../legacy-system/domain/circuit-breaker';
import { CIRCUIT_OPEN, throughBreaker } from '../legacy-system/domain/guarded-call';
import type { LegacyFailure } from '../legacy-system/domain/legacy-outcome';
import { LEGACY_CIRCUIT } from '../legacy-system/legacy-circuit';
import { LEGACY_SYSTEM, type LegacySystem } from '../legacy-system/legacy-system.port';
import {
  countsAfter,
  driftOf,
  MAX_ATTEMPTS_PER_ACCOUNT,
  resyncKey,
  type ResyncCounts,
  type ResyncRun,
  type ResyncTarget,
} from './domain/resync';
import { driftRepairedEvent, resyncCompletedEvent } from './domain/resync-events';
import type { ResyncConfig } from './resync.environment';
import { RESYNC_STORE, type CheckedAccount, type ResyncStore } from './resync-store.port';

type Checked = Extract<CheckedAccount, { kind: 'checked' }>;

/**
 * One pass of the re-sync worker: lease the oldest running run, check the next batch of its
 * wave's done revocations at the legacy side and repair what drifted, each account saved with the
 * run's cursor; a run with no account left completes with its report. Returns accounts handled.
 */
@Injectable()
export class RunDueResyncs {
  constructor(
    @Inject(RESYNC_STORE) private readonly store: ResyncStore,
    @Inject(LEGACY_SYSTEM) private readonly legacy: LegacySystem,
    @Inject(LEGACY_CIRCUIT) private readonly breaker: CircuitBreaker,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: ResyncConfig,
  ) {}

  async execute(signal?: AbortSignal): Promise<number> {
    if (this.breaker.msUntilAllowed() > 0) return 0;
    const now = this.clock.now();
    const run = await this.store.claimRunning(
      now,
      new Date(now.getTime() + this.config.RESYNC_LEASE_SECONDS * 1000),
    );
    if (!run) return 0;
    try {
      return await inBackgroundSpan('re-sync legacy sessions', { journey: { waveId: run.waveId } }, () =>
        this.advance(run, signal),
      );
    } finally {
      await this.store.release(run.runId);
    }
  }

  private async advance(run: ResyncRun, signal?: AbortSignal): Promise<number> {
    const targets = await this.store.nextTargets(run, this.config.RESYNC_BATCH_SIZE);
    if (targets.length === 0) {
      const completed = { ...run, state: 'completed' as const, completedAt: this.clock.now() };
      await this.store.complete(run.runId, this.clock.now(), resyncCompletedEvent(completed));
      return 1;
    }
    let counts = run.counts;
    let attempts = run.currentAttempts;
    let handled = 0;
    // Stop well inside the lease: another replica may claim the run once it ends, and two
    // replicas on one run would count its accounts twice (their repairs alone would be replays).
    const stopAt = this.clock.now().getTime() + (this.config.RESYNC_LEASE_SECONDS * 1000) / 2;
    for (const target of targets) {
      if (signal?.aborted || this.clock.now().getTime() > stopAt) break;
      const result = await this.check(run, target, attempts, counts);
      if (result === CIRCUIT_OPEN) break;
      if (result.kind === 'checked') {
        counts = result.counts;
      } else if (result.kind === 'transient' && attempts + 1 < MAX_ATTEMPTS_PER_ACCOUNT) {
        // The same account again next tick (after the breaker, if it opened, lets calls through).
        await this.store.saveChecked(run.runId, { kind: 'retry', target, attempts: attempts + 1 });
        break;
      } else {
        counts = countsAfter(counts, 'failed');
        const failure = { legacyAccountId: target.legacyAccountId, code: result.code };
        if (!(await this.store.saveChecked(run.runId, { kind: 'failed', target, counts, failure }))) break;
        attempts = 0;
        handled += 1;
        continue;
      }
      if (!(await this.store.saveChecked(run.runId, result))) break;
      attempts = 0;
      handled += 1;
    }
    return handled;
  }

  /**
   * `attempts` > 0 means this account was tried before and a repair may have reached the legacy
   * side without being saved: its revoke is sent again with the same key, so the replayed answer
   * still counts it.
   */
  private async check(
    run: ResyncRun,
    target: ResyncTarget,
    attempts: number,
    counts: ResyncCounts,
  ): Promise<Checked | LegacyFailure | typeof CIRCUIT_OPEN> {
    const account = target.legacyAccountId;
    const listed = await throughBreaker(this.breaker, () => this.legacy.listSessions(account));
    if (listed === CIRCUIT_OPEN || listed.kind !== 'done') return listed;
    const drift = driftOf(listed.value);
    let sessionsRevoked = 0;
    let revokedAt: Date | undefined;
    if (drift.sessions.length > 0 || attempts > 0) {
      if (attempts === 0) {
        // Marked before the repair: a crash after it is then retried as above.
        await this.store.saveChecked(run.runId, { kind: 'retry', target, attempts: 1 });
      }
      const key = resyncKey(run.runId, account, 'revoke');
      const revoked = await throughBreaker(this.breaker, () => this.legacy.revokeAllSessions(account, key));
      if (revoked === CIRCUIT_OPEN || revoked.kind !== 'done') return revoked;
      sessionsRevoked = revoked.value.revoked;
      revokedAt = revoked.value.revokedAt;
    }
    let loginRetiredAgain = false;
    if (drift.loginNotRetired) {
      const key = resyncKey(run.runId, account, 'retire');
      const retired = await throughBreaker(this.breaker, () => this.legacy.retireLogin(account, key));
      if (retired === CIRCUIT_OPEN || retired.kind !== 'done') return retired;
      loginRetiredAgain = true;
    }
    const repaired = { sessionsRevoked, loginRetiredAgain };
    const drifted = sessionsRevoked > 0 || loginRetiredAgain;
    return {
      kind: 'checked',
      target,
      counts: countsAfter(counts, repaired),
      revokedSessions: drift.sessions.map((session) => ({
        sessionId: session.id,
        createdAt: session.createdAt,
      })),
      revokedAt,
      events: drifted ? [driftRepairedEvent(run, account, repaired, target.journeyId)] : [],
    };
  }
}
