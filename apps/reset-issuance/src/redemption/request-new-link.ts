import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import { SERVICE_LOGGER } from '@rekey/service-runtime';
import type { Logger } from 'pino';
import { RateLimiter } from '../rate-limits/rate-limiter';
import { newLinkRequestHash } from './domain/new-link-request';
import { NEW_LINK_REQUEST_STORE, type NewLinkRequestStore } from './new-link-request-store.port';

export type NewLinkOutcome =
  | { kind: 'requested' }
  /** What was entered is not an address: the form again, and nothing recorded. */
  | { kind: 'invalid' }
  | { kind: 'rate_limited'; retryAfterSeconds: number };

/** "Send me a new link": recorded for issuance, with the same answer for any address. */
@Injectable()
export class RequestNewLink {
  constructor(
    @Inject(NEW_LINK_REQUEST_STORE) private readonly requests: NewLinkRequestStore,
    private readonly limiter: RateLimiter,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async execute(command: { email: string | undefined; ipAddress: string }): Promise<NewLinkOutcome> {
    const outcome = await this.request(command);
    // The outcome class only: never the address.
    const logged = { requested: 'requested', invalid: 'refused', rate_limited: 'rate_limited' }[outcome.kind];
    this.logger.info({ action: 'request_link', outcome: logged }, 'customer request-link');
    return outcome;
  }

  private async request(command: { email: string | undefined; ipAddress: string }): Promise<NewLinkOutcome> {
    // Counted before the address is read, so junk costs a client its attempts as well.
    const decision = await this.limiter.checkClient('request_link', command.ipAddress);
    if (!decision.allowed) return { kind: 'rate_limited', retryAfterSeconds: decision.retryAfterSeconds };
    if (command.email === undefined) return { kind: 'invalid' };
    await this.requests.add(newLinkRequestHash('email', command.email), this.clock.now());
    return { kind: 'requested' };
  }
}
