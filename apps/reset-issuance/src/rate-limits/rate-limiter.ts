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

/** What a store counts for one request: the client's keys, and the account key it resolves. */
export interface ResolvedRequestCounting {
  action: RateLimitedAction;
  now: Date;
  windowStart: Date;
  clientRules: LimitRule[];
  /** The account's counter key is this prefix and the account the store resolves. */
  accountKeyPrefix: string;
}

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
    return this.check(this.clientRulesOf(action, ipAddress));
  }

  /**
   * Once a request resolves to an account. Requests that resolve to none pass a key of their own
   * (derived from what they presented), so they do the same database work as the others.
   */
  checkAccount(action: RateLimitedAction, accountKey: string): Promise<RateLimitDecision> {
    return this.check([accountRule(action, this.limits[action], accountKey)]);
  }

  /**
   * The counters of a request whose account only the database can resolve, for a store that
   * counts them in the statement that looks the account up: one round trip instead of three.
   */
  countingOf(action: RateLimitedAction, ipAddress: string): ResolvedRequestCounting {
    const now = this.clock.now();
    return {
      action,
      now,
      windowStart: windowStartOf(now, this.windowSeconds),
      clientRules: this.clientRulesOf(action, ipAddress),
      accountKeyPrefix: accountRule(action, this.limits[action], '').key,
    };
  }

  /** The client's limits, judged on the counters a store returned for `countingOf`. */
  judgeClient(counting: ResolvedRequestCounting, hits: ReadonlyMap<string, number>): RateLimitDecision {
    return this.decide(counting.clientRules, hits, counting.now, counting.windowStart);
  }

  /** The account's limit; `accountKey` is the full counter key the store resolved. */
  judgeAccount(
    counting: ResolvedRequestCounting,
    accountKey: string,
    hits: ReadonlyMap<string, number>,
  ): RateLimitDecision {
    const { limit } = accountRule(counting.action, this.limits[counting.action], '');
    return this.decide([{ key: accountKey, limit }], hits, counting.now, counting.windowStart);
  }

  private clientRulesOf(action: RateLimitedAction, ipAddress: string): LimitRule[] {
    const shard = randomInt(this.shards);
    return clientRules(action, this.limits[action], ipAddress, shard, this.shards);
  }

  private async check(rules: LimitRule[]): Promise<RateLimitDecision> {
    const now = this.clock.now();
    const windowStart = windowStartOf(now, this.windowSeconds);
    const hits = await this.counter.increment(
      rules.map((rule) => rule.key),
      windowStart,
    );
    return this.decide(rules, hits, now, windowStart);
  }

  private decide(
    rules: LimitRule[],
    hits: ReadonlyMap<string, number>,
    now: Date,
    windowStart: Date,
  ): RateLimitDecision {
    const exceeded = exceededRule(rules, hits);
    if (!exceeded) return { allowed: true };
    return {
      allowed: false,
      retryAfterSeconds: retryAfterSeconds(now, windowStart, this.windowSeconds),
      firstRefusal: hits.get(exceeded.key) === exceeded.limit + 1,
    };
  }
}
