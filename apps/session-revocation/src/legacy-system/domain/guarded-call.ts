import type { CircuitBreaker } from './circuit-breaker';
import type { LegacyOutcome } from './legacy-outcome';

export const CIRCUIT_OPEN = 'circuit_open' as const;

/**
 * One legacy call through the circuit breaker: refused without calling while the circuit is open,
 * and its outcome told to the breaker (transient failures count; a permanent answer is still an
 * answer from a live system).
 */
export async function throughBreaker<T>(
  breaker: CircuitBreaker,
  call: () => Promise<LegacyOutcome<T>>,
): Promise<LegacyOutcome<T> | typeof CIRCUIT_OPEN> {
  if (!breaker.tryAcquire()) return CIRCUIT_OPEN;
  const outcome = await call();
  if (outcome.kind === 'done') breaker.recordSuccess();
  else if (outcome.kind === 'transient') breaker.recordFailure();
  else breaker.recordNeutral();
  return outcome;
}
