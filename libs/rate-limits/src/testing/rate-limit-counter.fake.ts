import type { RateLimitCounter } from '../rate-limit-counter.port';

/**
 * Rate-limit counters kept in memory, honouring the PostgreSQL adapter's contract
 * (rate-limit-counter.contract.ts): one counter per key and fixed window, a key named twice in one
 * call counted once, no hit lost between concurrent callers, past windows deleted in chunks.
 */
export class FakeRateLimitCounter implements RateLimitCounter {
  /** Hits by window start (epoch milliseconds), then by key. */
  private readonly windows = new Map<number, Map<string, number>>();

  // Nothing awaits between reading and writing a counter: like the adapter's upsert, concurrent
  // increments of one key each see the other's hit.
  async increment(keys: string[], windowStart: Date): Promise<Map<string, number>> {
    const window = this.windows.get(windowStart.getTime()) ?? new Map<string, number>();
    this.windows.set(windowStart.getTime(), window);
    const counted = new Map<string, number>();
    for (const key of new Set(keys)) {
      const hits = (window.get(key) ?? 0) + 1;
      window.set(key, hits);
      counted.set(key, hits);
    }
    return counted;
  }

  async deleteWindowsBefore(before: Date, limit: number): Promise<number> {
    let deleted = 0;
    // Oldest first, as the adapter's primary key (window_start, key) lays them out.
    for (const start of [...this.windows.keys()].sort((a, b) => a - b)) {
      if (start >= before.getTime()) break;
      const window = this.windows.get(start)!;
      for (const key of [...window.keys()]) {
        if (deleted === limit) return deleted;
        window.delete(key);
        deleted += 1;
      }
      if (window.size === 0) this.windows.delete(start);
    }
    return deleted;
  }

  /** The hits of one counter in one window (0 when never counted or swept). */
  hitsOf(key: string, windowStart: Date): number {
    return this.windows.get(windowStart.getTime())?.get(key) ?? 0;
  }

  /** How many counters are stored, over every window. */
  size(): number {
    return [...this.windows.values()].reduce((sum, window) => sum + window.size, 0);
  }
}
