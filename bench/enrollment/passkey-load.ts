/**
 * The enrollment benchmark's load: customers enrolling a passkey end to end over HTTP, each with a
 * grant of their own, a session, registration with a software authenticator and the proving
 * sign-in. Closed loop: a fixed number of customers at once, each starting the next enrolment as
 * soon as the last one ends, so the rate is what the service sustains.
 */
import type { Agent } from 'node:http';
import { aJourney, type GrantIssuer } from '@rekey/enrollment-grant/testing';
import { enrolPasskey, EnrolmentClient, EnrolmentStepFailed, type PasskeyDevice } from '@rekey/testing';
import { SoftwareAuthenticator } from '@rekey/webauthn-authenticator';

export interface PasskeyLoadOptions {
  enrollment: { url: string; origin: string };
  grants: GrantIssuer;
  agent: Agent;
  enrolments: number;
  concurrency: number;
}

export interface PasskeyLoadResult {
  enrolled: number;
  seconds: number;
  /** Refusals and transport errors, by step and status or message. */
  failures: Map<string, number>;
  /** Milliseconds of each whole enrolment, and of each request by route. */
  enrolmentMs: number[];
  requestMs: Map<string, number[]>;
  /** CPU milliseconds this process spent signing grants and running the authenticator. */
  clientCryptoMs: { grants: number; authenticator: number };
}

export async function runPasskeyLoad(options: PasskeyLoadOptions): Promise<PasskeyLoadResult> {
  const result: PasskeyLoadResult = {
    enrolled: 0,
    seconds: 0,
    failures: new Map(),
    enrolmentMs: [],
    requestMs: new Map(),
    clientCryptoMs: { grants: 0, authenticator: 0 },
  };
  let started = 0;
  const customer = async () => {
    while (started < options.enrolments) {
      started += 1;
      try {
        await enrolOne(options, result);
        result.enrolled += 1;
      } catch (error) {
        const key =
          error instanceof EnrolmentStepFailed
            ? `${error.step} ${error.status} ${error.code ?? ''}`.trim()
            : (error as Error).message;
        result.failures.set(key, (result.failures.get(key) ?? 0) + 1);
      }
    }
  };
  const begun = performance.now();
  await Promise.all(Array.from({ length: options.concurrency }, customer));
  result.seconds = (performance.now() - begun) / 1000;
  return result;
}

/** One customer: a grant as reset-issuance would sign it, its exchange, then the passkey page's calls. */
async function enrolOne(options: PasskeyLoadOptions, result: PasskeyLoadResult): Promise<void> {
  const begun = performance.now();
  const grant = await options.grants.sign(aJourney());
  result.clientCryptoMs.grants += performance.now() - begun;
  const client = new EnrolmentClient(options.enrollment, {
    agent: options.agent,
    timeoutMs: 30_000,
    observe: (method, route, milliseconds) => {
      const key = `${method} ${route}`;
      const list = result.requestMs.get(key) ?? [];
      list.push(milliseconds);
      result.requestMs.set(key, list);
    },
  });
  const exchanged = await client.exchange(grant);
  if (exchanged.status !== 303) throw EnrolmentStepFailed.of('session', exchanged);
  await enrolPasskey(client, timedDevice(new SoftwareAuthenticator(), result.clientCryptoMs));
  result.enrolmentMs.push(performance.now() - begun);
}

/** The device, its key generation and signatures counted as the load generator's own CPU. */
function timedDevice(device: PasskeyDevice, spent: { authenticator: number }): PasskeyDevice {
  return {
    createCredential: (options, origin) => {
      const at = performance.now();
      const credential = device.createCredential(options, origin);
      spent.authenticator += performance.now() - at;
      return credential;
    },
    getAssertion: (options, origin) => {
      const at = performance.now();
      const assertion = device.getAssertion(options, origin);
      spent.authenticator += performance.now() - at;
      return assertion;
    },
  };
}
