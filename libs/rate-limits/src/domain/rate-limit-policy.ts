import { subnetOf } from '@rekey/customer-web';

/**
 * What customers do that attackers would repeat (a service names its own: `redeem`, `sign_in`...):
 * each has its own limits and counters, its name leading every key.
 */
export type RateLimitedAction = string;

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

/** The rules of the client's address and its subnet, which every request of an action counts on. */
export function addressRules(
  action: RateLimitedAction,
  limits: ActionLimits,
  ipAddress: string,
): LimitRule[] {
  return [
    { key: `${action}:ip:${ipAddress}`, limit: limits.perIp },
    { key: `${action}:subnet:${subnetOf(ipAddress)}`, limit: limits.perSubnet },
  ];
}

/**
 * The global limit, spread over `shards` rows, each allowed its share, so concurrent requests do
 * not queue on a single hot row; the shard is picked at random per request. Actions that resolve
 * to a live credential (a live link, an open step-up challenge) count only requests that do not:
 * a flood of unknown or dead values then meets this limit, and live ones still get through.
 */
export function globalRule(
  action: RateLimitedAction,
  limits: ActionLimits,
  shard: number,
  shards: number,
): LimitRule {
  return { key: `${action}:global:${shard}`, limit: Math.max(1, Math.ceil(limits.global / shards)) };
}

/** Every rule of a request known nothing about: its address, its subnet and the global limit. */
export function clientRules(
  action: RateLimitedAction,
  limits: ActionLimits,
  ipAddress: string,
  shard: number,
  shards: number,
): LimitRule[] {
  return [...addressRules(action, limits, ipAddress), globalRule(action, limits, shard, shards)];
}

/** The limit of one account, counted only on requests that present a live credential of it. */
export function accountRule(action: RateLimitedAction, limits: ActionLimits, accountKey: string): LimitRule {
  return { key: `${action}:account:${accountKey}`, limit: limits.perAccount ?? Number.MAX_SAFE_INTEGER };
}

/** The first rule whose counter went past its limit with this request, if any. */
export function exceededRule(rules: LimitRule[], hits: ReadonlyMap<string, number>): LimitRule | undefined {
  return rules.find((rule) => (hits.get(rule.key) ?? 0) > rule.limit);
}
