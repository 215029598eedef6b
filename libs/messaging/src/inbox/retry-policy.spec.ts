import { backoffDelay, isRetryable, type RetryPolicy } from './retry-policy';

const policy: RetryPolicy = { maxAttempts: 5, initialDelayMs: 200, maxDelayMs: 1_000 };

describe('backoffDelay', () => {
  it('doubles the ceiling with each attempt, jittered within its upper half', () => {
    expect(backoffDelay(policy, 1, () => 0)).toBe(100);
    expect(backoffDelay(policy, 1, () => 1)).toBe(200);
    expect(backoffDelay(policy, 2, () => 1)).toBe(400);
    expect(backoffDelay(policy, 3, () => 0.5)).toBe(600);
  });

  it('never waits longer than the policy allows', () => {
    expect(backoffDelay(policy, 10, () => 1)).toBe(1_000);
  });
});

describe('isRetryable', () => {
  it('retries what may be transient', () => {
    expect(isRetryable(new Error('connection reset'))).toBe(true);
    expect(isRetryable(Object.assign(new Error('deadlock detected'), { code: '40P01' }))).toBe(true);
  });

  it('does not retry an error that declares itself a broken rule', () => {
    expect(isRetryable(Object.assign(new Error('hold already active'), { retryable: false }))).toBe(false);
  });
});
