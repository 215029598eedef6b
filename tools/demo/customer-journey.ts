/**
 * A simulated customer's way from the link in their message to enrollment's pages, over HTTP as
 * a browser without a person would go: the link page, the explicit POST that spends the link,
 * then the grant exchanged for an enrolment session. Only loopback addresses are ever contacted.
 */
import { EnrolmentClient } from '@rekey/testing';
import { sleep } from '../operator-api/operator-call';
import type { CustomerInbox } from './customer-inbox';

export interface CustomerContext {
  /** The address the customer's requests seem to come from (reset-issuance trusts one proxy). */
  clientAddress: string;
  /** Where the customer reads a step-up code; without one, the customer stops at step-up. */
  inbox?: CustomerInbox;
}

export type Redemption =
  | { kind: 'enrolment'; client: EnrolmentClient; landedOn: string; steppedUp?: boolean }
  | { kind: 'step_up'; reason: 'no inbox' | 'no code arrived' | 'code refused' }
  | { kind: 'support_required' }
  | { kind: 'link_unusable' }
  | { kind: 'rate_limited' }
  | { kind: 'grant_refused' };

const REQUEST_TIMEOUT_MS = 30_000;
// A customer told "too many attempts" waits and tries again a few times, then gives up.
const RATE_LIMITED_TRIES = 3;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Opens the link's page, then spends the link as its Continue button does; where the account
 * needs step-up, types the code from the customer's other channel; then starts enrolling.
 */
export async function redeemLink(link: URL, customer: CustomerContext): Promise<Redemption> {
  const page = loopbackAddressOf(link);
  const headers = { 'x-forwarded-for': customer.clientAddress };
  await fetch(new URL('/reset', page), { headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const token = new URLSearchParams(link.hash.slice(1)).get('t') ?? '';
  for (let attempt = 1; ; attempt += 1) {
    const redeemedAt = Date.now();
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
    if (location.startsWith('/reset/step-up')) {
      const session = answer.headers.getSetCookie()[0]?.split(';')[0] ?? '';
      return stepUp(new URL(location, page), session, redeemedAt, customer);
    }
    return enrolmentAt(location, link, customer);
  }
}

/** The step-up page, then the code the customer received since `since`, posted as its form does. */
async function stepUp(
  page: URL,
  session: string,
  since: number,
  customer: CustomerContext,
): Promise<Redemption> {
  const headers = { 'x-forwarded-for': customer.clientAddress, cookie: session };
  const form = await fetch(page, { headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  if ((await form.text()).includes('Contact support to continue')) return { kind: 'support_required' };
  if (!customer.inbox) return { kind: 'step_up', reason: 'no inbox' };
  const code = await customer.inbox.stepUpCodeSince(since);
  if (!code) return { kind: 'step_up', reason: 'no code arrived' };
  const answer = await fetch(page, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', origin: page.origin },
    body: new URLSearchParams({ code }).toString(),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  await answer.arrayBuffer();
  if (answer.status === 429) return { kind: 'rate_limited' };
  const location = answer.status === 303 ? (answer.headers.get('location') ?? '') : '';
  if (!location) return { kind: 'step_up', reason: 'code refused' };
  const redemption = await enrolmentAt(location, page, customer);
  return redemption.kind === 'enrolment' ? { ...redemption, steppedUp: true } : redemption;
}

/** Where redemption or step-up sent the customer: enrollment's page with the grant in its fragment. */
function enrolmentAt(location: string, from: URL, customer: CustomerContext): Promise<Redemption> {
  const enrolment = location ? new URL(location, from) : undefined;
  const grant = enrolment ? new URLSearchParams(enrolment.hash.slice(1)).get('grant') : null;
  if (!enrolment || !grant) return Promise.resolve({ kind: 'link_unusable' });
  return startEnrolment(enrolment, grant, customer);
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
