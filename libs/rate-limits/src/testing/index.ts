export { FakeRateLimitCounter } from './rate-limit-counter.fake';
export {
  describeRateLimitCounterContract,
  type RateLimitCounterUnderTest,
} from './rate-limit-counter.contract';
