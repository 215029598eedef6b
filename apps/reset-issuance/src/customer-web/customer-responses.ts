import type { ServerResponse } from 'node:http';
import { sendCustomerPage, sendCustomerRedirect, type CustomerPage } from '@rekey/customer-web';
import { tooManyAttemptsPage } from './pages/outcome-pages';

/** Answers of customer routes, sharing the form targets their CSP allows (here, and enrollment). */
export class CustomerResponses {
  private readonly formTargets: string[];

  constructor(enrollmentUrl: string) {
    // Forms post here and are then redirected to enrollment; form-action covers the redirect too.
    this.formTargets = [new URL(enrollmentUrl).origin];
  }

  page(response: ServerResponse, page: CustomerPage, headers?: Record<string, string | string[]>): void {
    sendCustomerPage(response, page, { formTargets: this.formTargets, ...(headers ? { headers } : {}) });
  }

  redirect(response: ServerResponse, location: string, headers?: Record<string, string | string[]>): void {
    sendCustomerRedirect(response, location, {
      formTargets: this.formTargets,
      ...(headers ? { headers } : {}),
    });
  }

  tooManyAttempts(response: ServerResponse, retryAfterSeconds: number): void {
    this.page(response, tooManyAttemptsPage(), { 'Retry-After': String(retryAfterSeconds) });
  }
}
