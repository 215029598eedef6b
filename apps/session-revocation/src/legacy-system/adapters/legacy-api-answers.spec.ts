import { retryAfterMs } from './legacy-api-answers';

describe('Retry-After', () => {
  const now = Date.parse('2026-12-01T10:00:00Z');

  it('reads delay-seconds and HTTP dates, and ignores what it cannot read', () => {
    expect(retryAfterMs('7', now)).toBe(7_000);
    expect(retryAfterMs('Tue, 01 Dec 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Tue, 01 Dec 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});
