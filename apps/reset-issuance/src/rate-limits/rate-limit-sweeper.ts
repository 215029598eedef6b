import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import {
  RATE_LIMIT_COUNTER,
  RateLimitSweeper as SharedSweeper,
  type RateLimitCounter,
} from '@rekey/rate-limits';
import { SERVICE_CONFIG, SERVICE_LOGGER } from '@rekey/service-runtime';
import type { Logger } from 'pino';
import type { CustomerJourneyConfig } from '../customer-web/customer-journey.environment';

/** Sweeps reset-issuance's spent rate-limit windows (@rekey/rate-limits), at its window length. */
@Injectable()
export class RateLimitSweeper extends SharedSweeper {
  constructor(
    @Inject(RATE_LIMIT_COUNTER) counter: RateLimitCounter,
    @Inject(SERVICE_CONFIG) config: CustomerJourneyConfig,
    @Inject(CLOCK) clock: Clock,
    @Inject(SERVICE_LOGGER) logger: Logger,
  ) {
    super(counter, config.RATE_LIMIT_WINDOW_SECONDS, clock, logger);
  }
}
