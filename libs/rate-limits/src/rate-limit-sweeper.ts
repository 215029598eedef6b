import { BackgroundLoop, type Clock } from '@rekey/background';
import { sweepBefore } from './domain/rate-limit-window';
import type { RateLimitCounter } from './rate-limit-counter.port';

const SWEEP_CHUNK = 1_000;
const SWEEP_PAUSE_MS = 20;

/** Where a failed sweep is reported (a pino logger fits). */
export interface RateLimitSweepLog {
  warn(fields: object, message: string): void;
}

/**
 * Deletes rate-limit windows that can no longer count, every window length (at least every 10 s,
 * at most every minute), on a `BackgroundLoop`: a failed sweep is logged and retried after a
 * backoff. Every replica sweeps; the deletes are idempotent, so that costs little. Its two hooks
 * are Nest's lifecycle names, so a service's provider that extends it starts and stops with it.
 */
export class RateLimitSweeper {
  private readonly loop: BackgroundLoop;

  constructor(
    private readonly counter: RateLimitCounter,
    private readonly windowSeconds: number,
    private readonly clock: Clock,
    private readonly logger: RateLimitSweepLog,
  ) {
    this.loop = new BackgroundLoop({
      name: 'rate-limit sweep',
      intervalMs: Math.min(60, Math.max(10, windowSeconds)) * 1000,
      log: { warn: (message, fields) => logger.warn(fields ?? {}, message) },
      tick: async (signal) => ((await this.sweepChunks(signal)) > 0 ? 'worked' : 'idle'),
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** One sweep, for tests and tools: what it deleted, a failure logged rather than thrown. */
  async sweep(): Promise<number> {
    const progress = { swept: 0 };
    try {
      return await this.sweepChunks(undefined, progress);
    } catch (error) {
      this.logger.warn({ error: (error as Error).message }, 'rate-limit sweep failed; retrying later');
      return progress.swept;
    }
  }

  /**
   * A busy minute leaves tens of thousands of counters. Deleted at once they hold a core for the
   * better part of a second, and requests answered meanwhile wait; in short chunks with a pause
   * between them the same work leaves room for the requests. A stopping service ends it early.
   */
  private async sweepChunks(signal?: AbortSignal, progress = { swept: 0 }): Promise<number> {
    const before = sweepBefore(this.clock.now(), this.windowSeconds);
    for (;;) {
      const deleted = await this.counter.deleteWindowsBefore(before, SWEEP_CHUNK);
      progress.swept += deleted;
      if (deleted < SWEEP_CHUNK || signal?.aborted) return progress.swept;
      await new Promise((resolve) => setTimeout(resolve, SWEEP_PAUSE_MS));
    }
  }
}
