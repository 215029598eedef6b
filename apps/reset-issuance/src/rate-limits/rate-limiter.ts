import { randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import type { CustomerJourneyConfig } from '../customer-web/customer-journey.environment';
import { CLOCK, type Clock } from '../shared/clock.port';
import {
  accountRule,
  clientRules,
  exceededRule,
  type ActionLimits,
  type LimitRule,
  type RateLimitedAction,
} from './domain/rate-limit-policy';
import { retryAfterSeconds, windowStartOf } from './domain/rate-limit-window';
import { RATE_LIMIT_COUNTER, type RateLimitCounter } from './rate-limit-counter.port';

export type RateLimitDecision =
  | { allowed: true }
  /** `firstRefusal`: this request is the one that went past the limit, so it is worth an event. */
  | { allowed: false; retryAfterSeconds: number; firstRefusal: boolean };

/** Counts requests per address, subnet, account and globally, and says whether this one may go on. */
@Injectable()
export class RateLimiter {
  private readonly limits: Record<RateLimitedAction, ActionLimits>;
  private readonly windowSeconds: number;
  private readonly shards: number;

  constructor(
    @Inject(RATE_LIMIT_COUNTER) private readonly counter: RateLimitCounter,
    @Inject(SERVICE_CONFIG) config: CustomerJourneyConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.windowSeconds = config.RATE_LIMIT_WINDOW_SECONDS;
    this.shards = config.RATE_LIMIT_GLOBAL_SHARDS;
    this.limits = {
      redeem: {
        perIp: config.REDEEM_LIMIT_PER_IP,
        perSubnet: config.REDEEM_LIMIT_PER_SUBNET,
        perAccount: config.REDEEM_LIMIT_PER_ACCOUNT,
        global: config.REDEEM_LIMIT_GLOBAL,
      },
      request_link: {
        perIp: config.REQUEST_LINK_LIMIT_PER_IP,
        perSubnet: config.REQUEST_LINK_LIMIT_PER_SUBNET,
        global: config.REQUEST_LINK_LIMIT_GLOBAL,
      },
      step_up: {
        perIp: config.STEP_UP_LIMIT_PER_IP,
        perSubnet: config.STEP_UP_LIMIT_PER_SUBNET,
        perAccount: config.STEP_UP_LIMIT_PER_ACCOUNT,
        global: config.STEP_UP_LIMIT_GLOBAL,
      },
    };
  }

  /** Before anything is looked up: the client's address, its subnet and the global limit. */
  checkClient(action: RateLimitedAction, ipAddress: string): Promise<RateLimitDecision> {
    const shard = randomInt(this.shards);
    return this.check(clientRules(action, this.limits[action], ipAddress, shard, this.shards));
  }

  /**
   * Once a request resolves to an account. Requests that resolve to none pass a key of their own
   * (derived from what they presented), so they do the same database work as the others.
   */
  checkAccount(action: RateLimitedAction, accountKey: string): Promise<RateLimitDecision> {
    return this.check([accountRule(action, this.limits[action], accountKey)]);
  }

  private async check(rules: LimitRule[]): Promise<RateLimitDecision> {
    const now = this.clock.now();
    const windowStart = windowStartOf(now, this.windowSeconds);
    const hits = await this.counter.increment(
      rules.map((rule) => rule.key),
      windowStart,
    );
    const exceeded = exceededRule(rules, hits);
    if (!exceeded) return { allowed: true };
    return {
      allowed: false,
      retryAfterSeconds: retryAfterSeconds(now, windowStart, this.windowSeconds),
      firstRefusal: hits.get(exceeded.key) === exceeded.limit + 1,
    };
  }
}
