/**
 * The journey benchmark's load: customers going from their link to an enrolled passkey over HTTP,
 * started on a fixed schedule (open loop) whatever the services answer: the explicit POST that
 * spends the link on reset-issuance, the grant it hands over exchanged on enrollment, a passkey
 * registered with a software authenticator and proven by one sign-in. What follows (the legacy
 * revocation) happens without the customer and is observed on the public stream.
 */
import type { Agent } from 'node:http';
import { enrolPasskey, EnrolmentClient, EnrolmentStepFailed } from '@rekey/testing';
import { SoftwareAuthenticator } from '@rekey/webauthn-authenticator';

export interface JourneyLoadOptions {
  issuanceUrl: string;
  enrollment: { url: string; origin: string };
  agent: Agent;
  perSecond: number;
  /** The customers, in the order they start: their legacy account id and the token of their link. */
  customers: Array<{ legacyAccountId: string; token: string }>;
  /** Distinct client addresses: each customer's requests come through the proxy from their own. */
  addressOffset: number;
}

export interface JourneyLoadResult {
  /** When each customer was due to spend their link (epoch ms), by legacy account id. */
  dueAt: Map<string, number>;
  /** Milliseconds from due to the passkey proven, per enrolled customer. */
  enrolmentMs: number[];
  failures: Map<string, number>;
  achievedPerSecond: number;
  /** How late the sender started customers, at worst (ms): the load generator's own lag. */
  worstSendLagMs: number;
}

export async function runJourneyLoad(options: JourneyLoadOptions): Promise<JourneyLoadResult> {
  const result: JourneyLoadResult = {
    dueAt: new Map(),
    enrolmentMs: [],
    failures: new Map(),
    achievedPerSecond: 0,
    worstSendLagMs: 0,
  };
  const pending: Array<Promise<void>> = [];
  const started = performance.now();
  const epochOffset = Date.now() - started;
  for (const [index, customer] of options.customers.entries()) {
    const due = started + (index * 1000) / options.perSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    result.worstSendLagMs = Math.max(result.worstSendLagMs, performance.now() - due);
    result.dueAt.set(customer.legacyAccountId, due + epochOffset);
    const address = clientAddress(options.addressOffset + index);
    pending.push(
      journeyOf(options, customer, address).then(
        () => void result.enrolmentMs.push(performance.now() - due),
        (error: unknown) => {
          const key =
            error instanceof EnrolmentStepFailed
              ? `${error.step} ${error.status} ${error.code ?? ''}`.trim()
              : (error as Error).message;
          result.failures.set(key, (result.failures.get(key) ?? 0) + 1);
        },
      ),
    );
  }
  await Promise.all(pending);
  result.achievedPerSecond = options.customers.length / ((performance.now() - started) / 1000);
  return result;
}

async function journeyOf(
  options: JourneyLoadOptions,
  customer: { token: string },
  address: string,
): Promise<void> {
  const headers = { 'x-forwarded-for': address };
  const redeemed = await fetch(`${options.issuanceUrl}/reset/redeem`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', origin: options.issuanceUrl },
    body: new URLSearchParams({ token: customer.token }).toString(),
    signal: AbortSignal.timeout(30_000),
  });
  await redeemed.arrayBuffer();
  const location = redeemed.status === 303 ? (redeemed.headers.get('location') ?? '') : '';
  const grant = new URLSearchParams(location.split('#')[1] ?? '').get('grant');
  if (!grant) throw new Error(`redeem answered ${redeemed.status} without a grant`);
  const client = new EnrolmentClient(options.enrollment, {
    agent: options.agent,
    headers,
    timeoutMs: 30_000,
  });
  const exchanged = await client.exchange(grant);
  if (exchanged.status !== 303) throw EnrolmentStepFailed.of('session', exchanged);
  await enrolPasskey(client, new SoftwareAuthenticator());
}

/** Each customer from their own address in their own /24, as customers of a wave are. */
function clientAddress(index: number): string {
  return `10.${index % 200}.${Math.floor(index / 200) % 256}.${1 + (index % 250)}`;
}
