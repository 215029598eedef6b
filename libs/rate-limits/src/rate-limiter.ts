import { randomInt } from 'node:crypto';
import type { Clock } from '@rekey/background';
import {
  accountRule,
  addressRules,
  clientRules,
  globalRule,
  exceededRule,
  type ActionLimits,
  type LimitRule,
} from './domain/rate-limit-policy';
import { retryAfterSeconds, windowStartOf } from './domain/rate-limit-window';
import type { RateLimitCounter } from './rate-limit-counter.port';

export type RateLimitDecision =
  | { allowed: true }
  /** `firstRefusal`: this request is the one that went past the limit, so it is worth an event. */
  | { allowed: false; retryAfterSeconds: number; firstRefusal: boolean };

/** A service's limits: one set per action, counted in fixed windows of one length. */
export interface RateLimitSettings<Action extends string> {
  windowSeconds: number;
  /** How many rows the global limit of an action is spread over. */
  globalShards: number;
  limits: Record<Action, ActionLimits>;
}

/**
 * What a store counts for one request: the address and subnet keys, plus one key it resolves from
 * what was presented: the account's (this prefix and its id) when that is live, the global shard's
 * otherwise.
 */
export interface ResolvedRequestCounting<Action extends string = string> {
  action: Action;
  now: Date;
  windowStart: Date;
  addressRules: LimitRule[];
  globalRule: LimitRule;
  accountKeyPrefix: string;
}

/**
 * Counts requests per address, subnet, account and globally, and says whether this one may go on.
 * Framework-free: each service makes it a provider with the limits from its configuration.
 */
export class RateLimiter<Action extends string> {
  constructor(
    private readonly counter: RateLimitCounter,
    private readonly settings: RateLimitSettings<Action>,
    private readonly clock: Clock,
  ) {}

  /** For actions that never resolve to anyone: the client's address, its subnet and the global limit. */
  checkClient(action: Action, ipAddress: string): Promise<RateLimitDecision> {
    const shards = this.settings.globalShards;
    return this.check(clientRules(action, this.limitsOf(action), ipAddress, randomInt(shards), shards));
  }

  /** Before anything is looked up: the client's address and its subnet. */
  checkAddress(action: Action, ipAddress: string): Promise<RateLimitDecision> {
    return this.check(addressRules(action, this.limitsOf(action), ipAddress));
  }

  /** Once a request presented a live credential of an account: that account's limit. */
  checkAccount(action: Action, accountKey: string): Promise<RateLimitDecision> {
    return this.check([accountRule(action, this.limitsOf(action), accountKey)]);
  }

  /** Once a request presented nothing live: the global limit, which live requests never meet. */
  checkGlobal(action: Action): Promise<RateLimitDecision> {
    return this.check([this.globalRuleOf(action)]);
  }

  /**
   * The counters of a request whose account only the database can resolve, for a store that
   * counts them in the statement that looks the account up: one round trip instead of three.
   */
  countingOf(action: Action, ipAddress: string): ResolvedRequestCounting<Action> {
    const now = this.clock.now();
    return {
      action,
      now,
      windowStart: windowStartOf(now, this.settings.windowSeconds),
      addressRules: addressRules(action, this.limitsOf(action), ipAddress),
      globalRule: this.globalRuleOf(action),
      accountKeyPrefix: accountRule(action, this.limitsOf(action), '').key,
    };
  }

  /** The address and subnet limits, judged on the counters a store returned for `countingOf`. */
  judgeAddress(
    counting: ResolvedRequestCounting<Action>,
    hits: ReadonlyMap<string, number>,
  ): RateLimitDecision {
    return this.decide(counting.addressRules, hits, counting.now, counting.windowStart);
  }

  /**
   * The limit of the key the store resolved: the account's when what was presented is live, the
   * global one when it is not.
   */
  judgeResolved(
    counting: ResolvedRequestCounting<Action>,
    resolvedKey: string,
    hits: ReadonlyMap<string, number>,
  ): RateLimitDecision {
    const rule =
      resolvedKey === counting.globalRule.key
        ? counting.globalRule
        : { key: resolvedKey, limit: accountRule(counting.action, this.limitsOf(counting.action), '').limit };
    return this.decide([rule], hits, counting.now, counting.windowStart);
  }

  private limitsOf(action: Action): ActionLimits {
    return this.settings.limits[action];
  }

  private globalRuleOf(action: Action): LimitRule {
    const shards = this.settings.globalShards;
    return globalRule(action, this.limitsOf(action), randomInt(shards), shards);
  }

  private async check(rules: LimitRule[]): Promise<RateLimitDecision> {
    const now = this.clock.now();
    const windowStart = windowStartOf(now, this.settings.windowSeconds);
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
      retryAfterSeconds: retryAfterSeconds(now, windowStart, this.settings.windowSeconds),
      firstRefusal: hits.get(exceeded.key) === exceeded.limit + 1,
    };
  }
}
