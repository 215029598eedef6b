import { AccountStore } from './account-store';
import { FaultSwitch, type FaultMode } from './faults';
import { IdempotencyLedger } from './idempotency-ledger';
import type { LegacyAuth } from './legacy-auth';

export type EffectKind = 'revoke' | 'suspend' | 'resume' | 'retire';

/** Everything one simulator holds: accounts, keys, faults and the counters its stats report. */
export class SimulatorState {
  readonly ledger = new IdempotencyLedger();
  readonly faults = new FaultSwitch();
  calls = 0;
  readonly effects: Record<EffectKind, number> = { revoke: 0, suspend: 0, resume: 0, retire: 0 };
  readonly logins = { accepted: 0, refused: 0, refusedRetired: 0 };
  /** Legacy calls that got a fault, by mode: beyond the legacy API's stats, so a demo can say what failed. */
  readonly faulted: Record<Exclude<FaultMode, 'none'>, number> = {
    down: 0,
    slow: 0,
    fail: 0,
    'rate-limit': 0,
    garbage: 0,
  };

  constructor(
    readonly store: AccountStore,
    readonly auth: LegacyAuth,
  ) {}

  /** The shape GET /_simulator/stats answers (README.md), plus `faulted`. */
  stats() {
    return { ...this.totals(), byIdempotencyKey: this.ledger.stats() };
  }

  /** The stats without the per-key counts, which grow with every call of a big run. */
  totals() {
    return {
      calls: this.calls,
      effects: { ...this.effects },
      ...this.store.counts(),
      logins: { ...this.logins },
      faulted: { ...this.faulted },
    };
  }
}
