import { Module } from '@nestjs/common';
import { CLOCK, systemClock } from '@rekey/background';
import { PgRateLimitCounter, RATE_LIMIT_COUNTER } from '@rekey/rate-limits';
import { RateLimitSweeper } from './rate-limit-sweeper';
import { RateLimiter } from './rate-limiter';

@Module({
  providers: [
    RateLimiter,
    RateLimitSweeper,
    { provide: RATE_LIMIT_COUNTER, useClass: PgRateLimitCounter },
    { provide: CLOCK, useValue: systemClock },
  ],
  exports: [RateLimiter, RateLimitSweeper],
})
export class RateLimitsModule {}
