export interface Backoff {
  /** The ceiling of the first retry's delay; each further failure doubles it. */
  initialDelayMs: number;
  /** The ceiling never grows past this. */
  maxDelayMs: number;
}

/**
 * Exponential backoff with full jitter: the delay before retry `attempt` (1 for the first retry)
 * is drawn uniformly from [0, min(max, initial × 2^(attempt − 1))], so replicas retrying the same
 * fault spread out instead of stampeding together. `random` is injectable for deterministic tests.
 */
export function backoffDelay(backoff: Backoff, attempt: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, attempt - 1);
  const ceiling = Math.min(backoff.maxDelayMs, backoff.initialDelayMs * 2 ** exponent);
  return Math.round(random() * ceiling);
}
