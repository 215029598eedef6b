import { timingSafeEqual } from 'node:crypto';
import { TOTP_DIGITS, totpCodeForStep, totpStepAt, type TotpSecret } from './totp-secret';

/** Steps accepted either side of the current one: 30 s of clock drift each way (RFC 6238 §5.2). */
export const TOTP_DRIFT_STEPS = 1;

/** Stable refusal codes: the edge maps them to a page or a problem type. */
export type TotpRefusal = 'totp.code-malformed' | 'totp.code-incorrect' | 'totp.code-reused';

export type TotpVerification = { accepted: true; step: number } | { accepted: false; refusal: TotpRefusal };

export interface TotpVerificationContext {
  now: Date;
  /**
   * The step of the last code this factor accepted (undefined before the first): a code of that
   * step or an earlier one is a replay. The caller stores the step a verification returns.
   */
  lastUsedStep?: number | null | undefined;
}

// Longer input is not a code with stray spaces: refuse it before looking at it.
const MAX_INPUT_LENGTH = 64;
const CODE_PATTERN = new RegExp(`^[0-9]{${TOTP_DIGITS}}$`);

/**
 * Checks a typed code against the steps around `now`. Every candidate step is computed and
 * compared in constant time, so the time taken says nothing about which step matched, or how
 * close a wrong code was. A code that matches only steps already used is a replay.
 */
export function verifyTotpCode(
  secret: TotpSecret,
  input: string,
  context: TotpVerificationContext,
): TotpVerification {
  const lastUsedStep = context.lastUsedStep ?? undefined;
  // A step read back as a string (a bigint column) would silently disable the replay check.
  if (lastUsedStep !== undefined && !Number.isSafeInteger(lastUsedStep)) {
    throw new TypeError('lastUsedStep is an integer time step');
  }
  const code = normaliseTotpCode(input);
  if (code === undefined) return { accepted: false, refusal: 'totp.code-malformed' };

  const presented = Buffer.from(code, 'ascii');
  const current = totpStepAt(context.now);
  let fresh: number | undefined;
  let replayed = false;
  for (let step = current - TOTP_DRIFT_STEPS; step <= current + TOTP_DRIFT_STEPS; step += 1) {
    if (step < 0) continue;
    const matches = timingSafeEqual(presented, Buffer.from(totpCodeForStep(secret, step), 'ascii'));
    if (!matches) continue;
    // The latest matching step wins: the same code on two steps (a one in a million chance) is
    // then not refused as a replay of the earlier one.
    if (lastUsedStep !== undefined && step <= lastUsedStep) replayed = true;
    else fresh = step;
  }
  if (fresh !== undefined) return { accepted: true, step: fresh };
  return { accepted: false, refusal: replayed ? 'totp.code-reused' : 'totp.code-incorrect' };
}

/**
 * The code without the spaces apps show in it ("123 456") or that come with a paste; undefined
 * unless what remains is exactly six ASCII digits.
 */
export function normaliseTotpCode(input: string): string | undefined {
  if (input.length > MAX_INPUT_LENGTH) return undefined;
  const code = input.replace(/\s+/g, '');
  return CODE_PATTERN.test(code) ? code : undefined;
}
