import type { RekeyEvent } from '@rekey/contracts';
import { CircuitBreaker } from '../legacy-system/domain/circuit-breaker';
import { transient } from '../legacy-system/domain/legacy-outcome';
import { LegacySystemFake } from '../testing/legacy-system.fake';
import { NO_COUNTS, type ResyncRun, type ResyncTarget } from './domain/resync';
import type { CheckedAccount, ResyncStore } from './resync-store.port';
import { RunDueResyncs } from './run-due-resyncs';

/** A run and its wave's done revocations in memory, saved as the Postgres store saves them. */
class ResyncStoreFake implements ResyncStore {
  run: ResyncRun | undefined;
  events: RekeyEvent[] = [];
  inventory: string[] = [];
  constructor(readonly targets: ResyncTarget[]) {}
  async start(run: ResyncRun) {
    this.run = run;
  }
  async find() {
    return this.run;
  }
  async claimRunning() {
    return this.run?.state === 'running' ? structuredClone(this.run) : undefined;
  }
  async nextTargets(run: ResyncRun, limit: number) {
    return this.targets
      .filter((target) => !run.afterJourneyId || target.journeyId > run.afterJourneyId)
      .slice(0, limit);
  }
  async saveChecked(_runId: string, checked: CheckedAccount) {
    const run = this.run!;
    if (checked.kind === 'retry') {
      run.currentAttempts = checked.attempts;
      return true;
    }
    run.afterJourneyId = checked.target.journeyId;
    run.currentAttempts = 0;
    run.counts = checked.counts;
    if (checked.kind === 'failed') run.failures.push(checked.failure);
    else {
      this.inventory.push(...checked.revokedSessions.map((session) => session.sessionId));
      this.events.push(...checked.events);
    }
    return true;
  }
  async complete(_runId: string, now: Date, event: RekeyEvent) {
    this.run = { ...this.run!, state: 'completed', completedAt: now };
    this.events.push(event);
  }
  releases = 0;
  async release() {
    this.releases += 1;
  }
}

const runId = '01936f52-4a60-7296-b8da-71ce4f52b368';

function setUp(accounts: string[]) {
  const legacy = new LegacySystemFake();
  const targets = accounts.map((legacyAccountId, index) => ({
    journeyId: `00000000-0000-4000-8000-00000000000${index}`,
    legacyAccountId,
  }));
  for (const { legacyAccountId } of targets) {
    legacy.accounts.add(legacyAccountId, 1);
    legacy.accounts.apply('revoke', legacyAccountId, `enrolment:${legacyAccountId}`);
    legacy.accounts.apply('retire', legacyAccountId, `retire:${legacyAccountId}`);
  }
  const store = new ResyncStoreFake(targets);
  void store.start({
    runId,
    waveId: '01936f4e-7a00-7c3e-9d2a-5b1c0e8f4a21',
    requestedBy: { subject: 'ops', role: 'operator' },
    state: 'running',
    currentAttempts: 0,
    counts: NO_COUNTS,
    failures: [],
    startedAt: new Date('2026-01-01T10:00:00Z'),
  });
  const breaker = new CircuitBreaker({ failureThreshold: 100, openMs: 1000 });
  const config = { RESYNC_POLL_INTERVAL_MS: 10, RESYNC_BATCH_SIZE: 10, RESYNC_LEASE_SECONDS: 60 };
  const clock = { now: () => new Date('2026-01-01T10:05:00Z'), newId: () => runId };
  return { legacy, store, resyncs: new RunDueResyncs(store, legacy, breaker, clock, config) };
}

describe('a re-sync pass', () => {
  it('revokes again only the drifted account, records its session and completes on the next pass', async () => {
    const { legacy, store, resyncs } = setUp(['L-1', 'L-2']);
    const drift = legacy.accounts.addSession('L-2');

    expect(await resyncs.execute()).toBe(2);
    expect(store.inventory).toEqual([drift]);
    expect(store.run?.counts).toMatchObject({ accountsChecked: 2, accountsWithDrift: 1, sessionsRevoked: 1 });
    expect(legacy.accounts.statusesOf('L-2')).toEqual(['revoked', 'revoked']);
    expect(store.events.map((event) => event.type)).toEqual(['rekey.session.drift-repaired.v1']);

    await resyncs.execute();
    expect(store.run?.state).toBe('completed');
    expect(store.events.map((event) => event.type)).toEqual([
      'rekey.session.drift-repaired.v1',
      'rekey.session.resync-completed.v1',
    ]);
  });

  it('tries an account again after a transient failure, and reports it as failed after five tries', async () => {
    const { legacy, store, resyncs } = setUp(['L-1']);
    legacy.failWith(transient('legacy.unavailable', 'answered 503'));
    for (let pass = 1; pass < 5; pass++) {
      await resyncs.execute();
      expect(store.run).toMatchObject({ currentAttempts: pass, counts: { accountsChecked: 0 } });
    }
    await resyncs.execute();
    expect(store.run?.counts).toMatchObject({ accountsChecked: 1, failures: 1 });
    expect(store.run?.failures).toEqual([{ legacyAccountId: 'L-1', code: 'legacy.unavailable' }]);
  });

  it('sends the revoke of an account tried before again with the same key, so a lost answer still counts', async () => {
    const { legacy, store, resyncs } = setUp(['L-1']);
    legacy.accounts.addSession('L-1');
    // As if the revoke had reached the legacy side and the process died before saving it.
    legacy.accounts.apply('revoke', 'L-1', `rekey-resync:${runId}:L-1:revoke`);
    store.run!.currentAttempts = 1;

    await resyncs.execute();
    expect(store.run?.counts).toMatchObject({ accountsChecked: 1, accountsWithDrift: 1, sessionsRevoked: 1 });
    expect(legacy.accounts.byKey().get(`rekey-resync:${runId}:L-1:revoke`)?.effects).toBe(1);
  });
});
