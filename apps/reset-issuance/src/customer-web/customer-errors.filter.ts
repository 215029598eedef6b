import type { ServerResponse } from 'node:http';
import { Catch, Inject, type ExceptionFilter, type ArgumentsHost } from '@nestjs/common';
import { RequestValidationError } from '@rekey/problem-details';
import { SERVICE_CONFIG, UnreadableRequestBody } from '@rekey/service-runtime';
import type { CustomerJourneyConfig } from './customer-journey.environment';
import { CustomerResponses } from './customer-responses';
import { crossOriginPage, unreadableRequestPage } from './pages/outcome-pages';
import { CrossOriginRequest } from './same-origin.guard';

/**
 * Customers get pages, never problem+json, with every customer page's headers (CSP, nosniff,
 * frame and referrer policy, no-store): for a refused cross-origin POST, and for a request the
 * service runtime refuses before the route reads it (a body that does not parse, too large or of
 * another media type; control characters in a field). Customer routes read their fields without
 * throwing (an entry that does not parse gets its form again), so these are the errors they
 * raise; others stay with the application's problem-details filter.
 */
@Catch(CrossOriginRequest, UnreadableRequestBody, RequestValidationError)
export class CustomerErrorsFilter implements ExceptionFilter {
  private readonly responses: CustomerResponses;

  constructor(@Inject(SERVICE_CONFIG) config: CustomerJourneyConfig) {
    this.responses = new CustomerResponses(config.ENROLLMENT_URL);
  }

  catch(
    error: CrossOriginRequest | UnreadableRequestBody | RequestValidationError,
    host: ArgumentsHost,
  ): void {
    const response = host.switchToHttp().getResponse<ServerResponse>();
    if (error instanceof CrossOriginRequest) return this.responses.page(response, crossOriginPage());
    const status = error instanceof UnreadableRequestBody ? error.getStatus() : 400;
    this.responses.page(response, unreadableRequestPage(status === 413 || status === 415 ? status : 400));
  }
}
