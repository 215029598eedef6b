import type { ServerResponse } from 'node:http';
import { Catch, Inject, type ExceptionFilter, type ArgumentsHost } from '@nestjs/common';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import type { CustomerJourneyConfig } from './customer-journey.environment';
import { CustomerResponses } from './customer-responses';
import { crossOriginPage } from './pages/outcome-pages';
import { CrossOriginRequest } from './same-origin.guard';

/**
 * Customers get pages, never problem+json: a refused cross-origin POST answers a page with every
 * customer page's headers (CSP, nosniff, frame and referrer policy, no-store). Customer routes
 * read their fields without throwing (an entry that does not parse gets its form again), so this
 * is the one error they raise; others stay with the application's problem-details filter.
 */
@Catch(CrossOriginRequest)
export class CustomerErrorsFilter implements ExceptionFilter {
  private readonly responses: CustomerResponses;

  constructor(@Inject(SERVICE_CONFIG) config: CustomerJourneyConfig) {
    this.responses = new CustomerResponses(config.ENROLLMENT_URL);
  }

  catch(_error: CrossOriginRequest, host: ArgumentsHost): void {
    this.responses.page(host.switchToHttp().getResponse<ServerResponse>(), crossOriginPage());
  }
}
