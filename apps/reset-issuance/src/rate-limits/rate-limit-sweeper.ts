import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { BackgroundLoop, CLOCK, type Clock } from '@rekey/background';
import { SERVICE_CONFIG, SERVICE_LOGGER } from '@rekey/service-runtime';
import type { Logger } from 'pino';
import type { CustomerJourneyConfig } from '../customer-web/customer-journey.environment';
import { sweepBefore } from './domain/rate-limit-window';
import { RATE_LIMIT_COUNTER, type RateLimitCounter } from './rate-limit-counter.port';

const SWEEP_CHUNK = 1_000;
const SWEEP_PAUSE_MS = 20;

/**
 * Deletes rate-limit windows that can no longer count, every window length (at least every 10 s,
 * at most every minute), on a `BackgroundLoop`: a failed sweep is logged and retried after a
 * backoff. Every replica sweeps; the deletes are idempotent, so that costs little.
 */
@Injectable()
export class RateLimitSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loop: BackgroundLoop;

  constructor(
    @Inject(RATE_LIMIT_COUNTER) private readonly counter: RateLimitCounter,
    @Inject(SERVICE_CONFIG) private readonly config: CustomerJourneyConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {
    this.loop = new BackgroundLoop({
      name: 'rate-limit sweep',
      intervalMs: Math.min(60, Math.max(10, config.RATE_LIMIT_WINDOW_SECONDS)) * 1000,
      log: { warn: (message, fields) => logger.warn(fields, message) },
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
    const before = sweepBefore(this.clock.now(), this.config.RATE_LIMIT_WINDOW_SECONDS);
    for (;;) {
      const deleted = await this.counter.deleteWindowsBefore(before, SWEEP_CHUNK);
      progress.swept += deleted;
      if (deleted < SWEEP_CHUNK || signal?.aborted) return progress.swept;
      await new Promise((resolve) => setTimeout(resolve, SWEEP_PAUSE_MS));
    }
  }
}
