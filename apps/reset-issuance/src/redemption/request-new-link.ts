import { Inject, Injectable } from '@nestjs/common';
import { RateLimiter } from '../rate-limits/rate-limiter';
import { CLOCK, type Clock } from '../shared/clock.port';
import { newLinkRequestHash } from './domain/new-link-request';
import { NEW_LINK_REQUEST_STORE, type NewLinkRequestStore } from './new-link-request-store.port';

export type NewLinkOutcome = { kind: 'requested' } | { kind: 'rate_limited'; retryAfterSeconds: number };

/** "Send me a new link": recorded for issuance, with the same answer for any address. */
@Injectable()
export class RequestNewLink {
  constructor(
    @Inject(NEW_LINK_REQUEST_STORE) private readonly requests: NewLinkRequestStore,
    private readonly limiter: RateLimiter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: { email: string; ipAddress: string }): Promise<NewLinkOutcome> {
    const decision = await this.limiter.checkClient('request_link', command.ipAddress);
    if (!decision.allowed) return { kind: 'rate_limited', retryAfterSeconds: decision.retryAfterSeconds };
    await this.requests.add(newLinkRequestHash('email', command.email), this.clock.now());
    return { kind: 'requested' };
  }
}
