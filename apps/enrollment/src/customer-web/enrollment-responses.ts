import type { ServerResponse } from 'node:http';
import { sendCustomerPage, sendCustomerRedirect, type CustomerPage } from '@rekey/customer-web';

/** Enrolment pages post only to themselves. */
const formTargets: string[] = [];

export function sendPage(
  response: ServerResponse,
  page: CustomerPage,
  headers?: Record<string, string | string[]>,
): void {
  sendCustomerPage(response, page, { formTargets, ...(headers ? { headers } : {}) });
}

export function sendRedirect(
  response: ServerResponse,
  location: string,
  headers?: Record<string, string | string[]>,
): void {
  sendCustomerRedirect(response, location, { formTargets, ...(headers ? { headers } : {}) });
}
