/**
 * What the demo's customers do with their reset link, one function per behaviour, and the mix of
 * them the demo runs.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  enrolBridgePassword,
  enrolPasskey,
  enrolTotpAndPassword,
  EnrolmentStepFailed,
  type EnrolmentClient,
} from '@rekey/testing';
import { SoftwareAuthenticator } from '@rekey/webauthn-authenticator';
import { redeemLink, type CustomerContext, type Redemption } from './customer-journey';
import type { ResetLinkMessage } from './reset-link-messages';

export type CustomerOutcome =
  | { kind: 'enrolled'; method: string; assurance: string; steppedUp?: boolean }
  | { kind: 'redeemed_not_enrolled'; reason: string }
  | { kind: 'not_redeemed'; reason: string }
  | { kind: 'never_clicked' };

export type CustomerBehaviour = (
  message: ResetLinkMessage,
  customer: CustomerContext,
) => Promise<CustomerOutcome>;

/** Reads the message, perhaps, but never opens the link. */
export const neverClicks: CustomerBehaviour = () => Promise.resolve({ kind: 'never_clicked' });

/** Redeems the link, sees the ways to sign in, and closes the tab. */
export const leavesAfterRedeeming: CustomerBehaviour = async (message, customer) => {
  const redemption = await redeemLink(message.link, customer);
  if (redemption.kind !== 'enrolment') return outcomeOf(redemption);
  await redemption.client.page(redemption.landedOn);
  return { kind: 'redeemed_not_enrolled', reason: 'left on the methods page' };
};

/**
 * Redeems the link and enrols a passkey on a device of their own: registration, the proving
 * sign-in, then the pages that follow until the done page. The proof answers where the page goes
 * next, not the level reached; enrollment records a proven passkey as AAL2, phishing-resistant
 * (NIST SP 800-63B), and that is what it publishes.
 */
export const enrolsPasskey: CustomerBehaviour = (message, customer) =>
  enrolsWith(message, customer, {
    method: 'passkey',
    assurance: 'AAL2, phishing-resistant',
    enrol: (client) => enrolPasskey(client, new SoftwareAuthenticator()),
  });

/** Has no device for a passkey: sets up an authenticator app, then a password to go with it. */
export const enrolsAuthenticatorApp: CustomerBehaviour = (message, customer) =>
  enrolsWith(message, customer, {
    method: 'authenticator app + password',
    assurance: 'AAL2',
    enrol: (client) => enrolTotpAndPassword(client, aPassphrase()),
  });

/**
 * Wants what they had: a password alone, as a bridge until the wave's bridge end. Where the wave's
 * policy asks more of the account (privileged, delegated), the page refuses and the customer stops.
 */
export const bridgesWithPassword: CustomerBehaviour = (message, customer) =>
  enrolsWith(message, customer, {
    method: 'bridging password',
    assurance: 'AAL1',
    enrol: (client) => enrolBridgePassword(client, aPassphrase()),
  });

interface Enrolment {
  method: string;
  assurance: string;
  /** Runs the method's pages and resolves with where they lead next. */
  enrol: (client: EnrolmentClient) => Promise<string>;
}

async function enrolsWith(
  message: ResetLinkMessage,
  customer: CustomerContext,
  { method, assurance, enrol }: Enrolment,
): Promise<CustomerOutcome> {
  const redemption = await redeemLink(message.link, customer);
  if (redemption.kind !== 'enrolment') return outcomeOf(redemption);
  const { client } = redemption;
  await client.page(redemption.landedOn);
  try {
    const next = await enrol(client);
    if (!(await reachesDonePage(client, next)))
      return { kind: 'redeemed_not_enrolled', reason: `${method} set up, no done page` };
  } catch (error) {
    if (!(error instanceof EnrolmentStepFailed)) throw error;
    return {
      kind: 'redeemed_not_enrolled',
      reason:
        error.step === 'password' && error.status === 403
          ? 'password alone below the wave policy'
          : `${method}: ${error.step} refused (${error.code ?? error.status})`,
    };
  }
  return { kind: 'enrolled', method, assurance, ...(redemption.steppedUp ? { steppedUp: true } : {}) };
}

/** 20 random characters: long enough for a password alone, and on no blocklist. */
function aPassphrase(): string {
  return randomBytes(15).toString('base64url');
}

export type CustomerMix = ReadonlyArray<{ label: string; share: number; behaviour: CustomerBehaviour }>;

/** The share of customers each behaviour gets, in order; the shares add up to 1. */
export const customerMix: CustomerMix = [
  { label: 'enrol a passkey', share: 0.65, behaviour: enrolsPasskey },
  { label: 'enrol an authenticator app', share: 0.1, behaviour: enrolsAuthenticatorApp },
  { label: 'bridge with a password', share: 0.05, behaviour: bridgesWithPassword },
  { label: 'redeem, then leave', share: 0.05, behaviour: leavesAfterRedeeming },
  { label: 'never click', share: 0.15, behaviour: neverClicks },
];

/** The same behaviour for the same journey on every run: a hash of its id picks the slice. */
export function behaviourOf(journeyId: string, mix: CustomerMix = customerMix): CustomerBehaviour {
  const point = createHash('sha256').update(journeyId).digest().readUInt32BE(0) / 2 ** 32;
  let upTo = 0;
  for (const { behaviour, share } of mix) {
    upTo += share;
    if (point < upTo) return behaviour;
  }
  // Rounding can leave the last sliver of [0, 1) past the sum of the shares.
  return mix.at(-1)?.behaviour ?? neverClicks;
}

/** Follows the pages after the proof (recovery codes, if shown) to the done page. */
async function reachesDonePage(client: EnrolmentClient, location: string): Promise<boolean> {
  let route = location;
  for (let hops = 0; hops < 3; hops += 1) {
    const page = await client.page(route);
    if (page.status === 303 && typeof page.headers.location === 'string') {
      route = page.headers.location;
      continue;
    }
    if (page.status !== 200) return false;
    if (route === '/enroll/done') return true;
    const onwards = /href="(\/enroll\/done)"/.exec(page.body)?.[1];
    if (!onwards) return false;
    route = onwards;
  }
  return false;
}

function outcomeOf(redemption: Exclude<Redemption, { kind: 'enrolment' }>): CustomerOutcome {
  switch (redemption.kind) {
    case 'step_up':
      return { kind: 'redeemed_not_enrolled', reason: `stopped at step-up (${redemption.reason})` };
    case 'support_required':
      return { kind: 'redeemed_not_enrolled', reason: 'sent to support for an identity check' };
    case 'grant_refused':
      return { kind: 'redeemed_not_enrolled', reason: 'enrolment refused the grant' };
    case 'rate_limited':
      return { kind: 'not_redeemed', reason: 'rate limited' };
    case 'link_unusable':
      return { kind: 'not_redeemed', reason: 'link no longer usable' };
  }
}
