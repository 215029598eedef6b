import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import { RATE_LIMIT_COUNTER, RateLimiter, RateLimitSweeper, type RateLimitCounter } from '@rekey/rate-limits';
import { SERVICE_CONFIG, SERVICE_LOGGER } from '@rekey/service-runtime';
import type { Logger } from 'pino';
import { SignInRateLimited } from './domain/sign-in.errors';
import type { SignInConfig } from './sign-in.environment';

/**
 * Sign-in attempts per client address and subnet, counted as redemption counts them
 * (@rekey/rate-limits). Per account, failures are counted apart, without a window (the lockout).
 */
@Injectable()
export class SignInRateLimiter extends RateLimiter<'sign_in'> {
  constructor(
    @Inject(RATE_LIMIT_COUNTER) counter: RateLimitCounter,
    @Inject(SERVICE_CONFIG) config: SignInConfig,
    @Inject(CLOCK) clock: Clock,
  ) {
    super(
      counter,
      {
        windowSeconds: config.SIGN_IN_RATE_LIMIT_WINDOW_SECONDS,
        globalShards: 1,
        limits: {
          sign_in: {
            perIp: config.SIGN_IN_LIMIT_PER_IP,
            perSubnet: config.SIGN_IN_LIMIT_PER_SUBNET,
            global: Number.MAX_SAFE_INTEGER,
          },
        },
      },
      clock,
    );
  }

  /** Throws the 429 (with Retry-After) when the client's address or subnet is past its limit. */
  async admit(ipAddress: string): Promise<void> {
    const decision = await this.checkAddress('sign_in', ipAddress);
    if (!decision.allowed) throw new SignInRateLimited(decision.retryAfterSeconds);
  }
}

/** Sweeps enrollment's spent rate-limit windows. */
@Injectable()
export class SignInRateLimitSweeper extends RateLimitSweeper {
  constructor(
    @Inject(RATE_LIMIT_COUNTER) counter: RateLimitCounter,
    @Inject(SERVICE_CONFIG) config: SignInConfig,
    @Inject(CLOCK) clock: Clock,
    @Inject(SERVICE_LOGGER) logger: Logger,
  ) {
    super(counter, config.SIGN_IN_RATE_LIMIT_WINDOW_SECONDS, clock, logger);
  }
}
