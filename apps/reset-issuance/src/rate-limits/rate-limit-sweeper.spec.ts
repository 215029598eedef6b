import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type { Logger } from 'pino';
import type { RateLimitCounter } from './rate-limit-counter.port';
import { RateLimitSweeper } from './rate-limit-sweeper';

/** Holds `stale` counters of past windows and deletes up to the limit asked for. */
class StaleCounters implements RateLimitCounter {
  readonly calls: number[] = [];
  constructor(private stale: number) {}
  increment(): Promise<Map<string, number>> {
    throw new Error('not used');
  }
  deleteWindowsBefore(_before: Date, limit: number): Promise<number> {
    const deleted = Math.min(limit, this.stale);
    this.stale -= deleted;
    this.calls.push(deleted);
    return Promise.resolve(deleted);
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
  } as unknown as Logger;
  return new RateLimitSweeper(
    counter,
    { RATE_LIMIT_WINDOW_SECONDS: 60 } as never,
    { now: () => new Date('2026-06-01T12:00:00Z'), newId: () => 'id' },
    logger,
  );
}

describe('RateLimitSweeper', () => {
  it('deletes a large backlog in chunks until one comes back short', async () => {
    const counter = new StaleCounters(2_500);
    await expect(sweeperOver(counter).sweep()).resolves.toBe(2_500);
    expect(counter.calls).toEqual([1_000, 1_000, 500]);
  });

  it('asks once when there is nothing to sweep', async () => {
    const counter = new StaleCounters(0);
    await expect(sweeperOver(counter).sweep()).resolves.toBe(0);
    expect(counter.calls).toEqual([0]);
  });

  it('reports a failure and keeps what it had swept', async () => {
    const counter = new StaleCounters(1_500);
    let calls = 0;
    const failing: RateLimitCounter = {
      increment: () => Promise.reject(new Error('not used')),
      deleteWindowsBefore: (before, limit) =>
        ++calls === 2
          ? Promise.reject(new Error('connection lost'))
          : counter.deleteWindowsBefore(before, limit),
    };
    const warnings: string[] = [];
    await expect(sweeperOver(failing, warnings).sweep()).resolves.toBe(1_000);
    expect(warnings).toEqual(['rate-limit sweep failed; retrying later']);
  });

  describe('once started', () => {
    afterEach(() => {
      jest.useRealTimers();
    });

    it('sweeps every window length (a minute here) until the service stops', async () => {
      jest.useFakeTimers();
      const counter = new StaleCounters(10);
      const sweeper = sweeperOver(counter);
      sweeper.onApplicationBootstrap();
      await jest.advanceTimersByTimeAsync(59_999);
      expect(counter.calls).toEqual([]);
      await jest.advanceTimersByTimeAsync(1);
      expect(counter.calls).toEqual([10]);
      await jest.advanceTimersByTimeAsync(60_000);
      expect(counter.calls).toEqual([10, 0]);
      await sweeper.onApplicationShutdown();
      await jest.advanceTimersByTimeAsync(600_000);
      expect(counter.calls).toEqual([10, 0]);
    });

    it('logs a failed sweep with its error and retries it within one window length', async () => {
      jest.useFakeTimers();
      let calls = 0;
      const failing: RateLimitCounter = {
        increment: () => Promise.reject(new Error('not used')),
        deleteWindowsBefore: () =>
          ++calls === 1 ? Promise.reject(new Error('connection lost')) : Promise.resolve(0),
      };
      const warnings: string[] = [];
      const fields: object[] = [];
      const sweeper = sweeperOver(failing, warnings, fields);
      sweeper.onApplicationBootstrap();
      await jest.advanceTimersByTimeAsync(60_000);
      expect(warnings).toEqual(['rate-limit sweep failed; retrying']);
      expect(fields).toEqual([{ loop: 'rate-limit sweep', error: 'connection lost', failures: 1 }]);
      await jest.advanceTimersByTimeAsync(60_000);
      expect(calls).toBe(2);
      await sweeper.onApplicationShutdown();
    });
  });
});
