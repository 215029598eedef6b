import type { ServerResponse } from 'node:http';
import { Catch, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { RequestValidationError } from '@rekey/problem-details';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import type { CustomerJourneyConfig } from './customer-journey.environment';
import { CustomerResponses } from './customer-responses';
import { crossOriginPage, invalidEntryPage } from './pages/outcome-pages';
import { CrossOriginRequest } from './same-origin.guard';

/**
 * Customers get pages, never problem+json: a refused cross-origin POST or an entry that does not
 * parse answers a page with every customer page's headers (CSP, nosniff, frame and referrer
 * policy, no-store). Other errors stay with the application's problem-details filter.
 */
@Catch(CrossOriginRequest, RequestValidationError)
export class CustomerErrorsFilter implements ExceptionFilter {
  private readonly responses: CustomerResponses;

  constructor(@Inject(SERVICE_CONFIG) config: CustomerJourneyConfig) {
    this.responses = new CustomerResponses(config.ENROLLMENT_URL);
  }

  catch(error: CrossOriginRequest | RequestValidationError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<ServerResponse>();
    this.responses.page(
      response,
      error instanceof CrossOriginRequest ? crossOriginPage() : invalidEntryPage(),
    );
  }
}
