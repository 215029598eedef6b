import { describeRateLimitCounterContract } from './rate-limit-counter.contract';
import { FakeRateLimitCounter } from './rate-limit-counter.fake';

describeRateLimitCounterContract('FakeRateLimitCounter', async () => {
  const store = new FakeRateLimitCounter();
  return { store, hitsOf: async (key, windowStart) => store.hitsOf(key, windowStart) };
});
