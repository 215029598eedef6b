import type { IncomingMessage } from 'node:http';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { isSameOriginRequest } from '@rekey/customer-web';
import { RekeyError } from '@rekey/problem-details';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import type { CustomerJourneyConfig } from './customer-journey.environment';

export class CrossOriginRequest extends RekeyError {
  constructor() {
    super('request.cross-origin', 'a customer POST did not come from the reset pages', {
      detail: 'This form must be submitted from the reset page itself.',
    });
  }
}

export const customerWebProblemTypes = {
  'request.cross-origin': { status: 403, title: 'Cross-origin request refused' },
};

/** CSRF defence of customer POSTs: they must come from RESET_BASE_URL's origin (see isSameOriginRequest). */
@Injectable()
export class SameOriginGuard implements CanActivate {
  private readonly origin: string;

  constructor(@Inject(SERVICE_CONFIG) config: CustomerJourneyConfig) {
    this.origin = new URL(config.RESET_BASE_URL).origin;
  }

  canActivate(context: ExecutionContext): boolean {
    if (isSameOriginRequest(context.switchToHttp().getRequest<IncomingMessage>().headers, this.origin))
      return true;
    throw new CrossOriginRequest();
  }
}
