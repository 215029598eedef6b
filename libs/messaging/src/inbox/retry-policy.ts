import type { Backoff } from '@rekey/background';

/**
 * How a consumer retries a failing handler: waits drawn by `backoffDelay` from @rekey/background
 * (exponential, full jitter, capped at `maxDelayMs`), so replicas retrying the same fault do not
 * stampede.
 */
export interface RetryPolicy extends Backoff {
  /** Attempts per message before it is dead-lettered, the first included. */
  maxAttempts: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 5, initialDelayMs: 200, maxDelayMs: 5_000 };

/**
 * Broken rules are not worth retrying: an error that says `retryable: false` (Rekey's domain
 * errors do) goes to the dead-letter topic at once. Anything else is presumed transient.
 */
export function isRetryable(error: unknown): boolean {
  return !(
    typeof error === 'object' &&
    error !== null &&
    (error as { retryable?: unknown }).retryable === false
  );
}
