import { backoffDelay } from '@rekey/background';
import { defaultRetryPolicy, isRetryable } from './retry-policy';

describe('defaultRetryPolicy', () => {
  it('waits up to 200 ms before the first retry, doubling, never longer than 5 s', () => {
    expect(backoffDelay(defaultRetryPolicy, 1, () => 1)).toBe(200);
    expect(backoffDelay(defaultRetryPolicy, 4, () => 1)).toBe(1_600);
    expect(backoffDelay(defaultRetryPolicy, defaultRetryPolicy.maxAttempts + 10, () => 1)).toBe(5_000);
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
