/** A first successful answer, kept to be replayed for the same key. */
export interface RecordedAnswer {
  status: number;
  body: unknown;
}

interface KeyEntry {
  /** Method and path the key was first used for: the same key on another call is a client bug. */
  request: string;
  calls: number;
  effects: number;
  answer?: RecordedAnswer;
}

export type LedgerDecision =
  { kind: 'first' } | { kind: 'replay'; answer: RecordedAnswer } | { kind: 'conflict'; firstRequest: string };

/**
 * Idempotency keys of mutating legacy-API calls: the first successful answer of a key is kept and
 * replayed for every later call with that key, so a retry after a timeout has no second effect.
 * Failed answers (faults, 404) are not kept: the next call with the key is tried afresh.
 */
export class IdempotencyLedger {
  private readonly keys = new Map<string, KeyEntry>();

  /** Counts the call against its key (faulted calls included) before anything else happens. */
  countCall(key: string, request: string): void {
    const entry = this.keys.get(key);
    if (entry) entry.calls++;
    else this.keys.set(key, { request, calls: 1, effects: 0 });
  }

  decide(key: string, request: string): LedgerDecision {
    const entry = this.keys.get(key);
    if (entry && entry.request !== request) return { kind: 'conflict', firstRequest: entry.request };
    if (entry?.answer) return { kind: 'replay', answer: entry.answer };
    return { kind: 'first' };
  }

  /** Records the effect and its answer in one step, before the answer is sent (or delayed). */
  recordEffect(key: string, request: string, answer: RecordedAnswer): void {
    const entry = this.keys.get(key) ?? { request, calls: 1, effects: 0 };
    entry.effects++;
    entry.answer = answer;
    this.keys.set(key, entry);
  }

  stats(): Record<string, { calls: number; effects: number }> {
    return Object.fromEntries([...this.keys].map(([key, { calls, effects }]) => [key, { calls, effects }]));
  }
}
