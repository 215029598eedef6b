import { Secret, TOTP } from 'otpauth';
import { EnrolmentStepFailed, type EnrolmentClient, type HttpAnswer } from './enrolment-client';

/**
 * What an authenticator app does with the key the TOTP page shows as text: RFC 6238 with the
 * parameters every app supports (SHA-1, 6 digits, 30 s), the code for `at`.
 */
export function authenticatorAppCode(typedKey: string, at: Date = new Date()): string {
  const totp = new TOTP({
    secret: Secret.fromBase32(typedKey.replace(/\s+/g, '')),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  });
  return totp.generate({ timestamp: at.getTime() });
}

/** The key as the TOTP page shows it to be typed into an app, or undefined when it shows none. */
export function typedTotpKeyOf(html: string): string | undefined {
  return /id="totp-key">([A-Z2-7 ]+)</.exec(html)?.[1];
}

/**
 * The authenticator-app route, for a customer whose grant was exchanged: read the key off the TOTP
 * page, confirm it with the code an app would show, then set the password that goes with it.
 * Resolves with where the page goes next (the recovery codes); a refused step throws.
 */
export async function enrolTotpAndPassword(client: EnrolmentClient, password: string): Promise<string> {
  const totpPage = await client.page('/enroll/totp');
  const key = typedTotpKeyOf(totpPage.body);
  const csrf = csrfFieldOf(totpPage.body);
  if (totpPage.status !== 200 || !key || !csrf)
    throw new EnrolmentStepFailed('totp', totpPage.status, undefined);
  client.csrfToken = csrf;
  const confirmed = await client.postForm('/enroll/totp', { code: authenticatorAppCode(key) });
  if (locationOf(confirmed) !== '/enroll/password') throw EnrolmentStepFailed.of('totp', confirmed);
  return setPassword(client, password);
}

/**
 * The bridging-password route: a password on its own, where the wave's policy allows it. A policy
 * that requires more answers 403 with the page that offers a passkey or an app instead.
 */
export async function enrolBridgePassword(client: EnrolmentClient, password: string): Promise<string> {
  return setPassword(client, password);
}

async function setPassword(client: EnrolmentClient, password: string): Promise<string> {
  const form = await client.page('/enroll/password');
  const csrf = csrfFieldOf(form.body);
  if (form.status !== 200 || !csrf) throw new EnrolmentStepFailed('password', form.status, undefined);
  client.csrfToken = csrf;
  const saved = await client.postForm('/enroll/password', { password });
  const next = locationOf(saved);
  if (!next?.startsWith('/enroll/recovery-codes')) throw EnrolmentStepFailed.of('password', saved);
  return next;
}

function csrfFieldOf(html: string): string | undefined {
  return /name="csrf" value="([^"]+)"/.exec(html)?.[1];
}

function locationOf(answer: HttpAnswer): string | undefined {
  const location = answer.headers.location;
  return answer.status === 303 && typeof location === 'string' ? location : undefined;
}
