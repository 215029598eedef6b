import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import {
  RATE_LIMIT_COUNTER,
  RateLimiter as SharedRateLimiter,
  type RateLimitCounter,
} from '@rekey/rate-limits';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import type { CustomerJourneyConfig } from '../customer-web/customer-journey.environment';

/** What customers do here that attackers would repeat: each has its own limits and counters. */
export type RateLimitedAction = 'redeem' | 'request_link' | 'step_up';

export type { RateLimitDecision } from '@rekey/rate-limits';

/** reset-issuance's limits (@rekey/rate-limits), from its configuration. */
@Injectable()
export class RateLimiter extends SharedRateLimiter<RateLimitedAction> {
  constructor(
    @Inject(RATE_LIMIT_COUNTER) counter: RateLimitCounter,
    @Inject(SERVICE_CONFIG) config: CustomerJourneyConfig,
    @Inject(CLOCK) clock: Clock,
  ) {
    super(
      counter,
      {
        windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
        globalShards: config.RATE_LIMIT_GLOBAL_SHARDS,
        limits: {
          redeem: {
            perIp: config.REDEEM_LIMIT_PER_IP,
            perSubnet: config.REDEEM_LIMIT_PER_SUBNET,
            perAccount: config.REDEEM_LIMIT_PER_ACCOUNT,
            global: config.REDEEM_LIMIT_GLOBAL,
          },
          request_link: {
            perIp: config.REQUEST_LINK_LIMIT_PER_IP,
            perSubnet: config.REQUEST_LINK_LIMIT_PER_SUBNET,
            global: config.REQUEST_LINK_LIMIT_GLOBAL,
          },
          step_up: {
            perIp: config.STEP_UP_LIMIT_PER_IP,
            perSubnet: config.STEP_UP_LIMIT_PER_SUBNET,
            perAccount: config.STEP_UP_LIMIT_PER_ACCOUNT,
            global: config.STEP_UP_LIMIT_GLOBAL,
          },
        },
      },
      clock,
    );
  }
}
