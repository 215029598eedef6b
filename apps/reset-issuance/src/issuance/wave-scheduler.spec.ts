import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { SchedulerLog } from './issuance-settings';
import { WaveScheduler } from './wave-scheduler';

const TICK_MS = 1_000;

/** Use cases that find no work, except the launches, which the test scripts. */
function schedulerOver(launches: () => Promise<number>, log: SchedulerLog) {
  const none = { execute: async () => 0 };
  const noLinks = { execute: async () => [] };
  return new WaveScheduler(
    { execute: launches } as never,
    none as never,
    noLinks as never,
    { execute: async () => ({ requests: 0, links: [] }) } as never,
    none as never,
    { wavesIssuing: async () => [], execute: async () => [] } as never,
    { execute: async () => undefined } as never,
    { ISSUANCE_BATCH_SIZE: 10, SCHEDULER_TICK_MS: TICK_MS } as never,
    log,
  );
}

describe('WaveScheduler', () => {
  let warnings: Array<{ fields: object; message: string }>;
  const log: SchedulerLog = {
    warn: (fields, message) => warnings.push({ fields, message }),
    info: () => undefined,
  };

  beforeEach(() => {
    jest.useFakeTimers();
    warnings = [];
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('passes at start and then every tick, logging a failed pass with its error and backing off', async () => {
    const passes: number[] = [];
    const start = Date.now();
    const scheduler = schedulerOver(async () => {
      passes.push(Date.now() - start);
      if (passes.length === 2) throw new Error('database unreachable');
      return 0;
    }, log);
    scheduler.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(passes).toEqual([0]);
    await jest.advanceTimersByTimeAsync(TICK_MS);
    expect(passes).toEqual([0, TICK_MS]);
    expect(warnings).toEqual([
      {
        message: 'wave scheduler step failed; retrying',
        fields: { loop: 'wave scheduler step', error: 'database unreachable', failures: 1 },
      },
    ]);
    // The retry comes within the first backoff ceiling (a second), then the tick resumes.
    await jest.advanceTimersByTimeAsync(1_000);
    expect(passes).toHaveLength(3);
    const stopping = scheduler.stop();
    await jest.advanceTimersByTimeAsync(10 * TICK_MS);
    await stopping;
    expect(passes).toHaveLength(3);
  });

  it('goes straight on while a launch was taken up, and stops only after the pass in flight', async () => {
    let release: (() => void) | undefined;
    let passes = 0;
    const scheduler = schedulerOver(async () => {
      passes += 1;
      if (passes < 3) return 1; // a launch taken up: more work may be waiting
      await new Promise<void>((resolve) => (release = resolve));
      return 0;
    }, log);
    scheduler.start();
    await jest.advanceTimersByTimeAsync(1);
    expect(passes).toBe(3);
    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    release?.();
    await stopping;
    expect(stopped).toBe(true);
    expect(passes).toBe(3);
  });
});
