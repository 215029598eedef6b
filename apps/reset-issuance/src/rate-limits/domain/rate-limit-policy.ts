import { subnetOf } from './client-network';

/** What customers do that attackers would repeat: each has its own limits and counters. */
export type RateLimitedAction = 'redeem' | 'request_link' | 'step_up';

export interface ActionLimits {
  perIp: number;
  perSubnet: number;
  /** Absent for actions that never resolve to an account (request-link answers the same for all). */
  perAccount?: number;
  global: number;
}

export interface LimitRule {
  key: string;
  limit: number;
}

/**
 * The rules of one request before anything is known about the account. The global counter is
 * spread over `shards` rows, each allowed its share, so concurrent requests do not queue on a
 * single hot row; the shard is picked at random per request.
 */
export function clientRules(
  action: RateLimitedAction,
  limits: ActionLimits,
  ipAddress: string,
  shard: number,
  shards: number,
): LimitRule[] {
  return [
    { key: `${action}:ip:${ipAddress}`, limit: limits.perIp },
    { key: `${action}:subnet:${subnetOf(ipAddress)}`, limit: limits.perSubnet },
    { key: `${action}:global:${shard}`, limit: Math.max(1, Math.ceil(limits.global / shards)) },
  ];
}

export function accountRule(action: RateLimitedAction, limits: ActionLimits, accountKey: string): LimitRule {
  return { key: `${action}:account:${accountKey}`, limit: limits.perAccount ?? Number.MAX_SAFE_INTEGER };
}

/** The first rule whose counter went past its limit with this request, if any. */
export function exceededRule(rules: LimitRule[], hits: ReadonlyMap<string, number>): LimitRule | undefined {
  return rules.find((rule) => (hits.get(rule.key) ?? 0) > rule.limit);
}
