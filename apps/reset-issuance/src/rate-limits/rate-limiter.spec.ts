import { FakeRateLimitCounter } from '../testing';
import { RateLimiter } from './rate-limiter';

const config = {
  RATE_LIMIT_WINDOW_SECONDS: 60,
  RATE_LIMIT_GLOBAL_SHARDS: 1,
  REDEEM_LIMIT_PER_IP: 100,
  REDEEM_LIMIT_PER_SUBNET: 100,
  REDEEM_LIMIT_PER_ACCOUNT: 2,
  REDEEM_LIMIT_GLOBAL: 3,
  REQUEST_LINK_LIMIT_PER_IP: 100,
  REQUEST_LINK_LIMIT_PER_SUBNET: 100,
  REQUEST_LINK_LIMIT_GLOBAL: 100,
  STEP_UP_LIMIT_PER_IP: 100,
  STEP_UP_LIMIT_PER_SUBNET: 100,
  STEP_UP_LIMIT_PER_ACCOUNT: 2,
  STEP_UP_LIMIT_GLOBAL: 3,
};

const clock = { now: () => new Date('2026-06-01T12:00:30Z'), newId: () => 'id' };

describe('RateLimiter', () => {
  it('judges what a redemption resolved to: the global limit for dead values, the account for live ones', () => {
    const limiter = new RateLimiter(new FakeRateLimitCounter(), config as never, clock);
    const counting = limiter.countingOf('redeem', '203.0.113.9');
    const hits = (value: number) =>
      new Map([
        [counting.globalRule.key, value],
        ['redeem:account:legacy-1', value],
      ]);
    expect(limiter.judgeResolved(counting, counting.globalRule.key, hits(3)).allowed).toBe(true);
    expect(limiter.judgeResolved(counting, counting.globalRule.key, hits(4))).toMatchObject({
      allowed: false,
      firstRefusal: true,
      retryAfterSeconds: 30,
    });
    expect(limiter.judgeResolved(counting, 'redeem:account:legacy-1', hits(3)).allowed).toBe(false);
    expect(limiter.judgeResolved(counting, 'redeem:account:legacy-1', hits(2)).allowed).toBe(true);
  });

  it('keeps the global step-up counter apart from the accounts and the addresses', async () => {
    const counters = new FakeRateLimitCounter();
    const limiter = new RateLimiter(counters, config as never, clock);
    for (let attempt = 0; attempt < 3; attempt += 1)
      expect((await limiter.checkGlobal('step_up')).allowed).toBe(true);
    expect((await limiter.checkGlobal('step_up')).allowed).toBe(false);
    // A flood of bogus sessions moved neither an account's counter nor a fresh address's.
    expect((await limiter.checkAccount('step_up', 'legacy-1')).allowed).toBe(true);
    expect((await limiter.checkAddress('step_up', '198.51.100.1')).allowed).toBe(true);
  });
});
