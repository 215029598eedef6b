export interface CircuitBreakerSettings {
  /** Consecutive transient failures that open the circuit. */
  failureThreshold: number;
  /** How long it stays open before one trial call is let through. */
  openMs: number;
}

export type CircuitState =
  | { kind: 'closed'; failures: number }
  | { kind: 'open'; until: number }
  | { kind: 'half_open'; trialInFlight: boolean };

/**
 * Stops hammering a dead legacy system: after `failureThreshold` consecutive transient failures
 * the circuit opens for `openMs`; then one trial call is allowed (half-open): its success closes
 * the circuit, its failure opens it again. Time is given, so it is deterministic under test.
 * One per process: replicas learn of a dead system each on its own, a few calls apart.
 */
export class CircuitBreaker {
  private current: CircuitState = { kind: 'closed', failures: 0 };

  constructor(
    private readonly settings: CircuitBreakerSettings,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): CircuitState {
    return this.current;
  }

  /** Whether a call may go out now; in half-open, the first caller takes the single trial. */
  tryAcquire(): boolean {
    const state = this.current;
    if (state.kind === 'closed') return true;
    if (state.kind === 'open') {
      if (this.now() < state.until) return false;
      this.current = { kind: 'half_open', trialInFlight: true };
      return true;
    }
    if (state.trialInFlight) return false;
    this.current = { kind: 'half_open', trialInFlight: true };
    return true;
  }

  /** How long until a call may go out (0 when one may now). */
  msUntilAllowed(): number {
    const state = this.current;
    if (state.kind === 'open') return Math.max(0, state.until - this.now());
    return state.kind === 'half_open' && state.trialInFlight ? this.settings.openMs : 0;
  }

  recordSuccess(): void {
    this.current = { kind: 'closed', failures: 0 };
  }

  /** A transient failure; a permanent one (an unknown account) says nothing of the system's health. */
  recordFailure(): void {
    const state = this.current;
    const failures = state.kind === 'closed' ? state.failures + 1 : this.settings.failureThreshold;
    this.current =
      failures >= this.settings.failureThreshold
        ? { kind: 'open', until: this.now() + this.settings.openMs }
        : { kind: 'closed', failures };
  }

  /** A call let through that ended without a verdict on the system (a permanent answer). */
  recordNeutral(): void {
    if (this.current.kind === 'half_open') this.current = { kind: 'closed', failures: 0 };
  }
}
