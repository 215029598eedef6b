import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG, SERVICE_LOGGER } from '@rekey/service-runtime';
import type { Logger } from 'pino';
import type { CustomerJourneyConfig } from '../customer-web/customer-journey.environment';
import { CLOCK, type Clock } from '../shared/clock.port';
import { sweepBefore } from './domain/rate-limit-window';
import { RATE_LIMIT_COUNTER, type RateLimitCounter } from './rate-limit-counter.port';

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

  async sweep(): Promise<number> {
    try {
      return await this.counter.deleteWindowsBefore(
        sweepBefore(this.clock.now(), this.config.RATE_LIMIT_WINDOW_SECONDS),
      );
    } catch (error) {
      this.logger.warn({ error: (error as Error).message }, 'rate-limit sweep failed; retrying later');
      return 0;
    }
  }
}
