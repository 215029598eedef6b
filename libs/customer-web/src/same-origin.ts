import type { IncomingHttpHeaders } from 'node:http';

/**
 * CSRF defence of customer POSTs: a request must show it comes from `origin`, by its Origin or,
 * when that is absent or "null" (browsers send "null" from pages with Referrer-Policy:
 * no-referrer, as ours are), by Sec-Fetch-Site. One that shows neither does not count as ours.
 */
export function isSameOriginRequest(headers: IncomingHttpHeaders, origin: string): boolean {
  const claimed = headers.origin;
  if (claimed !== undefined && claimed !== 'null') return claimed === origin;
  return headers['sec-fetch-site'] === 'same-origin';
}
