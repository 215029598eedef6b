/**
 * A simulated customer's way from the link in their message to enrollment's pages, over HTTP as
 * a browser without a person would go: the link page, the explicit POST that spends the link,
 * then the grant exchanged for an enrolment session. Only loopback addresses are ever contacted.
 */
import { EnrolmentClient } from '@rekey/testing';
import { sleep } from '../operator-api/operator-call';

export interface CustomerContext {
  /** The address the customer's requests seem to come from (reset-issuance trusts one proxy). */
  clientAddress: string;
}

export type Redemption =
  | { kind: 'enrolment'; client: EnrolmentClient; landedOn: string }
  | { kind: 'step_up' }
  | { kind: 'link_unusable' }
  | { kind: 'rate_limited' }
  | { kind: 'grant_refused' };

const REQUEST_TIMEOUT_MS = 30_000;
// A customer told "too many attempts" waits and tries again a few times, then gives up.
const RATE_LIMITED_TRIES = 3;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Opens the link's page, then spends the link as its Continue button does, and starts enrolling. */
export async function redeemLink(link: URL, customer: CustomerContext): Promise<Redemption> {
  const page = loopbackAddressOf(link);
  const headers = { 'x-forwarded-for': customer.clientAddress };
  await fetch(new URL('/reset', page), { headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const token = new URLSearchParams(link.hash.slice(1)).get('t') ?? '';
  for (let attempt = 1; ; attempt += 1) {
    const answer = await fetch(new URL('/reset/redeem', page), {
      method: 'POST',
      redirect: 'manual',
      headers: {
        ...headers,
        'content-type': 'application/x-www-form-urlencoded',
        origin: link.origin,
      },
      body: new URLSearchParams({ token }).toString(),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    await answer.arrayBuffer();
    if (answer.status === 429 && attempt < RATE_LIMITED_TRIES) {
      await sleep(1000 * Math.min(60, Number(answer.headers.get('retry-after') ?? 1)));
      continue;
    }
    if (answer.status === 429) return { kind: 'rate_limited' };
    const location = answer.status === 303 ? (answer.headers.get('location') ?? '') : '';
    if (location.startsWith('/reset/step-up')) return { kind: 'step_up' };
    const enrolment = location ? new URL(location, link) : undefined;
    const grant = enrolment ? new URLSearchParams(enrolment.hash.slice(1)).get('grant') : null;
    if (!enrolment || !grant) return { kind: 'link_unusable' };
    return startEnrolment(enrolment, grant, customer);
  }
}

/** enrollment's landing page reads the grant from the fragment and posts it; so does this. */
async function startEnrolment(enrolment: URL, grant: string, customer: CustomerContext): Promise<Redemption> {
  const client = new EnrolmentClient(
    { url: loopbackAddressOf(enrolment).origin, origin: enrolment.origin },
    { headers: { 'x-forwarded-for': customer.clientAddress }, timeoutMs: REQUEST_TIMEOUT_MS },
  );
  await client.page('/enroll');
  const exchanged = await client.exchange(grant);
  const landedOn = exchanged.status === 303 ? String(exchanged.headers.location ?? '') : '';
  if (!landedOn.startsWith('/enroll/')) return { kind: 'grant_refused' };
  return { kind: 'enrolment', client, landedOn };
}

/**
 * Where to send a request for a page on a loopback host: `localhost` becomes 127.0.0.1, where the
 * services listen (it may resolve to ::1 first). The page keeps its origin for the Origin header.
 */
export function loopbackAddressOf(page: URL): URL {
  if (!LOOPBACK_HOSTS.has(page.hostname))
    throw new Error(`the demo's customers only visit loopback addresses, not ${page.hostname}`);
  const address = new URL(page.toString());
  address.hash = '';
  if (address.hostname === 'localhost') address.hostname = '127.0.0.1';
  return address;
}
