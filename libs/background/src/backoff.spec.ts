import { backoffDelay } from './backoff';

const backoff = { initialDelayMs: 1_000, maxDelayMs: 30_000 };

describe('backoffDelay', () => {
  it('doubles the ceiling with each attempt and draws the delay from zero to it', () => {
    expect(backoffDelay(backoff, 1, () => 1)).toBe(1_000);
    expect(backoffDelay(backoff, 2, () => 1)).toBe(2_000);
    expect(backoffDelay(backoff, 3, () => 1)).toBe(4_000);
    expect(backoffDelay(backoff, 3, () => 0.25)).toBe(1_000);
    expect(backoffDelay(backoff, 3, () => 0)).toBe(0);
  });

  it('never exceeds the cap, however many attempts failed', () => {
    expect(backoffDelay(backoff, 6, () => 1)).toBe(30_000);
    expect(backoffDelay(backoff, 5_000, () => 1)).toBe(30_000);
  });

  it('treats an attempt below one as the first', () => {
    expect(backoffDelay(backoff, 0, () => 1)).toBe(1_000);
  });

  it('stays within the ceiling with the default randomness', () => {
    for (let i = 0; i < 100; i++) {
      const delay = backoffDelay(backoff, 2);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(2_000);
    }
  });
});
