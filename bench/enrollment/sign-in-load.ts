/**
 * The sign-in benchmark's load: customers who enrolled a passkey sign in with it (GET /sign-in,
 * the discoverable-credential options, the assertion) at a fixed rate, open loop: each sign-in
 * starts when it is due whatever the others do, and is measured from that instant, so a stalled
 * service shows in the figures instead of slowing the sender (no coordinated omission).
 */
import type { Agent } from 'node:http';
import { randomInt } from 'node:crypto';
import { aJourney, type GrantIssuer } from '@rekey/enrollment-grant/testing';
import { enrolPasskey, EnrolmentClient, EnrolmentStepFailed } from '@rekey/testing';
import { SoftwareAuthenticator } from '@rekey/webauthn-authenticator';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';

export interface SignInLoadOptions {
  enrollment: { url: string; origin: string };
  grants: GrantIssuer;
  agent: Agent;
  /** Customers (each with a passkey of their own) taking turns. */
  customers: number;
  perSecond: number;
  seconds: number;
  /** Called once the customers are enrolled, just before the first sign-in is due. */
  onSignInsStart?: () => Promise<void>;
}

export interface SignInLoadResult {
  signedIn: number;
  failures: Map<string, number>;
  /** Each whole sign-in (three requests), and its last request (the assertion), from when due. */
  signInMs: number[];
  assertionMs: number[];
  achievedPerSecond: number;
}

/** Enrols the customers' passkeys first (not measured), then runs the sign-ins. */
export async function runSignInLoad(options: SignInLoadOptions): Promise<SignInLoadResult> {
  const devices: SoftwareAuthenticator[] = [];
  for (let index = 0; index < options.customers; index += 1) {
    const client = new EnrolmentClient(options.enrollment, { agent: options.agent, timeoutMs: 30_000 });
    const exchanged = await client.exchange(await options.grants.sign(aJourney()));
    if (exchanged.status !== 303) throw EnrolmentStepFailed.of('session', exchanged);
    const device = new SoftwareAuthenticator();
    await enrolPasskey(client, device);
    devices.push(device);
  }

  const result: SignInLoadResult = {
    signedIn: 0,
    failures: new Map(),
    signInMs: [],
    assertionMs: [],
    achievedPerSecond: 0,
  };
  await options.onSignInsStart?.();
  const total = options.perSecond * options.seconds;
  const pending: Array<Promise<void>> = [];
  const started = performance.now();
  for (let index = 0; index < total; index += 1) {
    const due = started + (index * 1000) / options.perSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(
      signInOnce(options, devices[index % devices.length]!, due, result).catch((error: unknown) => {
        const key =
          error instanceof EnrolmentStepFailed ? `${error.step} ${error.status}` : (error as Error).message;
        result.failures.set(key, (result.failures.get(key) ?? 0) + 1);
      }),
    );
  }
  await Promise.all(pending);
  result.achievedPerSecond = total / ((performance.now() - started) / 1000);
  return result;
}

async function signInOnce(
  options: SignInLoadOptions,
  device: SoftwareAuthenticator,
  due: number,
  result: SignInLoadResult,
): Promise<void> {
  // A customer address of its own per sign-in (the service trusts one proxy): the per-address
  // limits are counted as in production, and none of them is reached.
  const address = { 'x-forwarded-for': `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}` };
  const opener = new EnrolmentClient(options.enrollment, { agent: options.agent, headers: address });
  const page = await opener.page('/sign-in');
  const cookie = page.headers['set-cookie']?.[0]?.split(';')[0];
  const csrf = /data-csrf="([^"]+)"/.exec(page.body)?.[1];
  if (page.status !== 200 || !cookie || !csrf)
    throw new EnrolmentStepFailed('sign-in page', page.status, undefined);
  const client = new EnrolmentClient(options.enrollment, {
    agent: options.agent,
    headers: { ...address, cookie },
    timeoutMs: 30_000,
  });
  client.csrfToken = csrf;
  const offered = await client.postJson('/sign-in/passkey/options', {});
  if (offered.status !== 200) throw new EnrolmentStepFailed('sign-in options', offered.status, undefined);
  const assertion = device.getAssertion(
    JSON.parse(offered.body) as PublicKeyCredentialRequestOptionsJSON,
    options.enrollment.origin,
  );
  const sent = performance.now();
  const answered = await client.postJson('/sign-in/passkey', assertion);
  if (answered.status !== 200) throw new EnrolmentStepFailed('sign-in assertion', answered.status, undefined);
  const now = performance.now();
  result.assertionMs.push(now - sent);
  result.signInMs.push(now - due);
  result.signedIn += 1;
}
