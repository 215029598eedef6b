export const RATE_LIMIT_COUNTER = Symbol('RateLimitCounter');

/** Counters shared by every replica of a service (in that service's database). */
export interface RateLimitCounter {
  /** Adds one hit to each key's counter in the window and returns every counter's new value. */
  increment(keys: string[], windowStart: Date): Promise<Map<string, number>>;
  /** Deletes up to `limit` counters of windows that started before `before`; returns how many went. */
  deleteWindowsBefore(before: Date, limit: number): Promise<number>;
}
