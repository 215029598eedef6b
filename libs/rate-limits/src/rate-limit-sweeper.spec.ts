import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { FakeRateLimitCounter } from './testing';
import type { RateLimitCounter } from './rate-limit-counter.port';
import { RateLimitSweeper } from './rate-limit-sweeper';

const now = new Date('2026-06-01T12:00:00Z');
const windowOf = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000);

/**
 * Counters of `stale` keys in a window long past and one in the current window; records each chunk
 * swept, and fails the sweeps numbered in `failing` as a lost connection would.
 */
class StaleCounters extends FakeRateLimitCounter {
  readonly chunks: number[] = [];
  readonly failing = new Set<number>();
  private sweeps = 0;

  static async holding(stale: number): Promise<StaleCounters> {
    const counters = new StaleCounters();
    await counters.increment(
      Array.from({ length: stale }, (_, index) => `redeem:ip:192.0.2.${index}`),
      windowOf(10),
    );
    await counters.increment(['redeem:ip:192.0.2.1'], windowOf(0));
    return counters;
  }

  override async deleteWindowsBefore(before: Date, limit: number): Promise<number> {
    this.sweeps += 1;
    if (this.failing.has(this.sweeps)) throw new Error('connection lost');
    const deleted = await super.deleteWindowsBefore(before, limit);
    this.chunks.push(deleted);
    return deleted;
  }
}

function sweeperOver(
  counter: RateLimitCounter,
  warnings: string[] = [],
  fields: object[] = [],
): RateLimitSweeper {
  const logger = {
    warn: (given: object, message: string) => {
      fields.push(given);
      warnings.push(message);
    },
  };
  return new RateLimitSweeper(counter, 60, { now: () => now, newId: () => 'id' }, logger);
}

describe('RateLimitSweeper', () => {
  it('deletes a large backlog in chunks until one comes back short', async () => {
    const counter = await StaleCounters.holding(2_500);
    await expect(sweeperOver(counter).sweep()).resolves.toBe(2_500);
    expect(counter.chunks).toEqual([1_000, 1_000, 500]);
    // The current window still counts.
    expect(counter.size()).toBe(1);
    expect(counter.hitsOf('redeem:ip:192.0.2.1', windowOf(0))).toBe(1);
  });

  it('asks once when there is nothing to sweep', async () => {
    const counter = await StaleCounters.holding(0);
    await expect(sweeperOver(counter).sweep()).resolves.toBe(0);
    expect(counter.chunks).toEqual([0]);
  });

  it('reports a failure and keeps what it had swept', async () => {
    const counter = await StaleCounters.holding(1_500);
    counter.failing.add(2);
    const warnings: string[] = [];
    await expect(sweeperOver(counter, warnings).sweep()).resolves.toBe(1_000);
    expect(counter.size()).toBe(501);
    expect(warnings).toEqual(['rate-limit sweep failed; retrying later']);
  });

  describe('once started', () => {
    afterEach(() => {
      jest.useRealTimers();
    });

    it('sweeps every window length (a minute here) until the service stops', async () => {
      jest.useFakeTimers();
      const counter = await StaleCounters.holding(10);
      const sweeper = sweeperOver(counter);
      sweeper.onApplicationBootstrap();
      await jest.advanceTimersByTimeAsync(59_999);
      expect(counter.chunks).toEqual([]);
      await jest.advanceTimersByTimeAsync(1);
      expect(counter.chunks).toEqual([10]);
      await jest.advanceTimersByTimeAsync(60_000);
      expect(counter.chunks).toEqual([10, 0]);
      await sweeper.onApplicationShutdown();
      await jest.advanceTimersByTimeAsync(600_000);
      expect(counter.chunks).toEqual([10, 0]);
    });

    it('logs a failed sweep with its error and retries it within one window length', async () => {
      jest.useFakeTimers();
      const counter = await StaleCounters.holding(3);
      counter.failing.add(1);
      const warnings: string[] = [];
      const fields: object[] = [];
      const sweeper = sweeperOver(counter, warnings, fields);
      sweeper.onApplicationBootstrap();
      await jest.advanceTimersByTimeAsync(60_000);
      expect(warnings).toEqual(['rate-limit sweep failed; retrying']);
      expect(fields).toEqual([{ loop: 'rate-limit sweep', error: 'connection lost', failures: 1 }]);
      expect(counter.size()).toBe(4);
      await jest.advanceTimersByTimeAsync(60_000);
      expect(counter.chunks).toEqual([3]);
      expect(counter.size()).toBe(1);
      await sweeper.onApplicationShutdown();
    });
  });
});
