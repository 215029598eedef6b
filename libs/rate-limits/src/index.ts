export {
  accountRule,
  addressRules,
  clientRules,
  exceededRule,
  globalRule,
  type ActionLimits,
  type LimitRule,
  type RateLimitedAction,
} from './domain/rate-limit-policy';
export { retryAfterSeconds, sweepBefore, windowStartOf } from './domain/rate-limit-window';
export { RATE_LIMIT_COUNTER, type RateLimitCounter } from './rate-limit-counter.port';
export { PgRateLimitCounter } from './pg-rate-limit-counter.adapter';
export {
  RateLimiter,
  type RateLimitDecision,
  type RateLimitSettings,
  type ResolvedRequestCounting,
} from './rate-limiter';
export { RateLimitSweeper, type RateLimitSweepLog } from './rate-limit-sweeper';
