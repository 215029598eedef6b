import { randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import type { CustomerJourneyConfig } from '../customer-web/customer-journey.environment';
import {
  accountRule,
  addressRules,
  clientRules,
  globalRule,
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

/**
 * What a store counts for one request: the address and subnet keys, plus one key it resolves from
 * what was presented: the account's (this prefix and its id) when that is live, the global shard's
 * otherwise.
 */
export interface ResolvedRequestCounting {
  action: RateLimitedAction;
  now: Date;
  windowStart: Date;
  addressRules: LimitRule[];
  globalRule: LimitRule;
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

  /** For actions that never resolve to anyone: the client's address, its subnet and the global limit. */
  checkClient(action: RateLimitedAction, ipAddress: string): Promise<RateLimitDecision> {
    const shard = randomInt(this.shards);
    return this.check(clientRules(action, this.limits[action], ipAddress, shard, this.shards));
  }

  /** Before anything is looked up: the client's address and its subnet. */
  checkAddress(action: RateLimitedAction, ipAddress: string): Promise<RateLimitDecision> {
    return this.check(addressRules(action, this.limits[action], ipAddress));
  }

  /** Once a request presented a live credential of an account: that account's limit. */
  checkAccount(action: RateLimitedAction, accountKey: string): Promise<RateLimitDecision> {
    return this.check([accountRule(action, this.limits[action], accountKey)]);
  }

  /** Once a request presented nothing live: the global limit, which live requests never meet. */
  checkGlobal(action: RateLimitedAction): Promise<RateLimitDecision> {
    return this.check([this.globalRuleOf(action)]);
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
      addressRules: addressRules(action, this.limits[action], ipAddress),
      globalRule: this.globalRuleOf(action),
      accountKeyPrefix: accountRule(action, this.limits[action], '').key,
    };
  }

  /** The address and subnet limits, judged on the counters a store returned for `countingOf`. */
  judgeAddress(counting: ResolvedRequestCounting, hits: ReadonlyMap<string, number>): RateLimitDecision {
    return this.decide(counting.addressRules, hits, counting.now, counting.windowStart);
  }

  /**
   * The limit of the key the store resolved: the account's when what was presented is live, the
   * global one when it is not.
   */
  judgeResolved(
    counting: ResolvedRequestCounting,
    resolvedKey: string,
    hits: ReadonlyMap<string, number>,
  ): RateLimitDecision {
    const rule =
      resolvedKey === counting.globalRule.key
        ? counting.globalRule
        : { key: resolvedKey, limit: accountRule(counting.action, this.limits[counting.action], '').limit };
    return this.decide([rule], hits, counting.now, counting.windowStart);
  }

  private globalRuleOf(action: RateLimitedAction): LimitRule {
    return globalRule(action, this.limits[action], randomInt(this.shards), this.shards);
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
