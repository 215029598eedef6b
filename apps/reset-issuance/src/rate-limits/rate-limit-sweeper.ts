import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG, SERVICE_LOGGER } from '@rekey/service-runtime';
import type { Logger } from 'pino';
import type { CustomerJourneyConfig } from '../customer-web/customer-journey.environment';
import { CLOCK, type Clock } from '../shared/clock.port';
import { sweepBefore } from './domain/rate-limit-window';
import { RATE_LIMIT_COUNTER, type RateLimitCounter } from './rate-limit-counter.port';

const SWEEP_CHUNK = 1_000;
const SWEEP_PAUSE_MS = 20;

/**
 * Deletes rate-limit windows that can no longer count, every window length (at least every 10 s,
 * at most every minute). Every replica sweeps; the deletes are idempotent, so that costs little.
 */
@Injectable()
export class RateLimitSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    @Inject(RATE_LIMIT_COUNTER) private readonly counter: RateLimitCounter,
    @Inject(SERVICE_CONFIG) private readonly config: CustomerJourneyConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const every = Math.min(60, Math.max(10, this.config.RATE_LIMIT_WINDOW_SECONDS)) * 1000;
    this.timer = setInterval(() => {
      this.running ??= this.sweep().finally(() => (this.running = undefined));
    }, every);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /**
   * A busy minute leaves tens of thousands of counters. Deleted at once they hold a core for the
   * better part of a second, and requests answered meanwhile wait; in short chunks with a pause
   * between them the same work leaves room for the requests.
   */
  async sweep(): Promise<number> {
    const before = sweepBefore(this.clock.now(), this.config.RATE_LIMIT_WINDOW_SECONDS);
    let swept = 0;
    try {
      for (;;) {
        const deleted = await this.counter.deleteWindowsBefore(before, SWEEP_CHUNK);
        swept += deleted;
        if (deleted < SWEEP_CHUNK) return swept;
        await new Promise((resolve) => setTimeout(resolve, SWEEP_PAUSE_MS));
      }
    } catch (error) {
      this.logger.warn({ error: (error as Error).message }, 'rate-limit sweep failed; retrying later');
      return swept;
    }
  }
}
