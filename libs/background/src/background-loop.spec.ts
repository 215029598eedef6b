import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { RecordingSpanProcessor } from '@rekey/testing';
import {
  BackgroundLoop,
  batchOutcome,
  type BackgroundLoopOptions,
  type TickOutcome,
} from './background-loop';

class RecordingLog {
  warnings: Array<{ message: string; fields: Record<string, unknown> }> = [];
  warn(message: string, fields: Record<string, unknown>): void {
    this.warnings.push({ message, fields });
  }
}

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

const recorded = new RecordingSpanProcessor();
const INTERVAL = 1_000;

describe('BackgroundLoop', () => {
  let log: RecordingLog;
  let loop: BackgroundLoop | undefined;

  beforeAll(() => {
    trace.setGlobalTracerProvider(new TracerProvider({ spanProcessors: [recorded] }));
  });
  afterAll(() => trace.disable());
  beforeEach(() => {
    jest.useFakeTimers();
    log = new RecordingLog();
    recorded.spans = [];
  });
  afterEach(async () => {
    // A tick still in flight may wait on a timer of its own: let the fake time run out.
    const stopping = loop?.stop();
    await jest.advanceTimersByTimeAsync(10 * INTERVAL);
    await stopping;
    loop = undefined;
    jest.useRealTimers();
  });

  function startLoop(options: Partial<BackgroundLoopOptions> & Pick<BackgroundLoopOptions, 'tick'>) {
    loop = new BackgroundLoop({ name: 'test sweep', intervalMs: INTERVAL, log, random: () => 1, ...options });
    loop.start();
    return loop;
  }

  it('ticks once per interval, the first after one interval', async () => {
    let ticks = 0;
    startLoop({ tick: async () => void ticks++ });
    await jest.advanceTimersByTimeAsync(INTERVAL - 1);
    expect(ticks).toBe(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(ticks).toBe(1);
    await jest.advanceTimersByTimeAsync(3 * INTERVAL);
    expect(ticks).toBe(4);
  });

  it('ticks at once when asked to run at start', async () => {
    let ticks = 0;
    startLoop({ runAtStart: true, tick: async () => void ticks++ });
    await jest.advanceTimersByTimeAsync(0);
    expect(ticks).toBe(1);
  });

  it('goes straight on while a tick reports more work waiting', async () => {
    const outcomes: TickOutcome[] = ['more', 'more', 'worked', 'worked'];
    let ticks = 0;
    startLoop({ runAtStart: true, tick: async () => outcomes[ticks++] ?? 'idle' });
    await jest.advanceTimersByTimeAsync(1);
    expect(ticks).toBe(3);
    await jest.advanceTimersByTimeAsync(INTERVAL / 2);
    expect(ticks).toBe(3);
    await jest.advanceTimersByTimeAsync(INTERVAL);
    expect(ticks).toBe(4);
  });

  it('backs off exponentially after failures, logs them, and returns to the interval after a success', async () => {
    const results = [false, false, false, true, true];
    const startedAt: number[] = [];
    startLoop({
      runAtStart: true,
      backoff: { initialDelayMs: 100, maxDelayMs: 250 },
      tick: async () => {
        startedAt.push(Date.now());
        if (!results[startedAt.length - 1]) throw new Error('database unreachable');
      },
    });
    const start = Date.now();
    await jest.advanceTimersByTimeAsync(100 + 200 + 250 + INTERVAL);
    // Delays: 100 (first failure), 200, then capped at 250; after the success, the interval.
    expect(startedAt.map((at) => at - start)).toEqual([0, 100, 300, 550, 550 + INTERVAL]);
    expect(log.warnings).toEqual(
      [1, 2, 3].map((failures) => ({
        message: 'test sweep failed; retrying',
        fields: { loop: 'test sweep', error: 'database unreachable', failures },
      })),
    );
  });

  it('draws each backoff delay with the injected randomness', async () => {
    const startedAt: number[] = [];
    startLoop({
      runAtStart: true,
      random: () => 0.5,
      backoff: { initialDelayMs: 100, maxDelayMs: 1_000 },
      tick: async () => {
        startedAt.push(Date.now());
        throw new Error('down');
      },
    });
    const start = Date.now();
    await jest.advanceTimersByTimeAsync(50 + 100);
    expect(startedAt.map((at) => at - start)).toEqual([0, 50, 150]);
  });

  it('never overlaps ticks, however long one takes', async () => {
    let inFlight = 0;
    let most = 0;
    let ticks = 0;
    startLoop({
      tick: async () => {
        ticks++;
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5 * INTERVAL));
        inFlight--;
      },
    });
    await jest.advanceTimersByTimeAsync(20 * INTERVAL);
    expect(ticks).toBeGreaterThan(2);
    expect(most).toBe(1);
  });

  it('stops only once the tick in flight has ended, aborting its signal, and ticks no more', async () => {
    const release = deferred();
    let signal: AbortSignal | undefined;
    let ticks = 0;
    const running = startLoop({
      runAtStart: true,
      tick: async (given) => {
        ticks++;
        signal = given;
        await release.promise;
      },
    });
    await jest.advanceTimersByTimeAsync(0);
    let stopped = false;
    const stopping = running.stop().then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(signal?.aborted).toBe(true);
    expect(stopped).toBe(false);
    release.resolve();
    await stopping;
    expect(stopped).toBe(true);
    await jest.advanceTimersByTimeAsync(10 * INTERVAL);
    expect(ticks).toBe(1);
    expect(running.running).toBe(false);
  });

  it('stops at once while sleeping between ticks', async () => {
    const running = startLoop({ tick: async () => undefined });
    await running.stop();
    expect(running.running).toBe(false);
  });

  it('ends the wait after an idle tick when woken, and keeps a wake that came during a tick', async () => {
    let ticks = 0;
    const running = startLoop({ runAtStart: true, tick: async () => (ticks++, 'idle') });
    await jest.advanceTimersByTimeAsync(0);
    expect(ticks).toBe(1);
    running.wake();
    await jest.advanceTimersByTimeAsync(0);
    expect(ticks).toBe(2);

    const release = deferred();
    let busy = 0;
    const busyLoop = new BackgroundLoop({
      name: 'busy',
      intervalMs: INTERVAL,
      log,
      runAtStart: true,
      tick: async () => {
        if (busy++ === 0) await release.promise;
        return 'idle';
      },
    });
    busyLoop.start();
    await jest.advanceTimersByTimeAsync(0);
    busyLoop.wake();
    release.resolve();
    await jest.advanceTimersByTimeAsync(0);
    // The wake during the first tick ended the wait after it; the one after that runs its course.
    expect(busy).toBe(2);
    await jest.advanceTimersByTimeAsync(INTERVAL - 1);
    expect(busy).toBe(2);
    await busyLoop.stop();
  });

  it('waits its own intervals after worked and idle ticks, and a wake never cuts the wait after work', async () => {
    const outcomes: TickOutcome[] = ['worked', 'idle'];
    const startedAt: number[] = [];
    const running = startLoop({
      runAtStart: true,
      workedIntervalMs: 20,
      idleIntervalMs: () => 300,
      tick: async () => {
        startedAt.push(Date.now());
        return outcomes[startedAt.length - 1] ?? 'idle';
      },
    });
    const start = Date.now();
    await jest.advanceTimersByTimeAsync(10);
    running.wake();
    await jest.advanceTimersByTimeAsync(10);
    // The wake during the gathering wait ended the idle wait after the second tick at once.
    await jest.advanceTimersByTimeAsync(299);
    expect(startedAt.map((at) => at - start)).toEqual([0, 20, 20]);
    await jest.advanceTimersByTimeAsync(1);
    expect(startedAt.map((at) => at - start)).toEqual([0, 20, 20, 320]);
  });

  it('leaves no span when told its ticks trace themselves', async () => {
    let ticks = 0;
    startLoop({
      runAtStart: true,
      traceTicks: false,
      tick: async () => {
        if (ticks++ === 1) throw new Error('boom');
        return 'worked';
      },
    });
    await jest.advanceTimersByTimeAsync(3 * INTERVAL);
    expect(ticks).toBeGreaterThan(2);
    expect(recorded.spans).toEqual([]);
  });

  it('leaves one root span per tick that did work, none for idle ticks, and marks failed ones', async () => {
    const outcomes: Array<TickOutcome | Error> = [
      'idle',
      'worked',
      'idle',
      new Error('boom'),
      'more',
      'idle',
    ];
    let ticks = 0;
    startLoop({
      tick: async () => {
        const outcome = outcomes[ticks++] ?? 'idle';
        if (outcome instanceof Error) throw outcome;
        return outcome;
      },
      backoff: { initialDelayMs: INTERVAL, maxDelayMs: INTERVAL },
    });
    await jest.advanceTimersByTimeAsync(6 * INTERVAL);
    expect(ticks).toBe(6);
    expect(recorded.spans.map((span) => [span.name, span.attributes['rekey.loop.outcome']])).toEqual([
      ['test sweep', 'worked'],
      ['test sweep', 'failed'],
      ['test sweep', 'more'],
    ]);
    expect(recorded.spans.every((span) => span.parentSpanContext === undefined)).toBe(true);
    expect(recorded.spans[1]?.status.code).toBe(SpanStatusCode.ERROR);
  });
});

describe('batchOutcome', () => {
  it('is idle for nothing, worked for a partial batch and more for a full one', () => {
    expect([0, 1, 199, 200, 201].map((done) => batchOutcome(done, 200))).toEqual([
      'idle',
      'worked',
      'worked',
      'more',
      'more',
    ]);
  });
});
