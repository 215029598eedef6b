import { inspect } from 'node:util';
import { HOTP, Secret, TOTP } from 'otpauth';

/** Randomness is a port, so tests are deterministic: `node:crypto`'s `randomBytes` in production. */
export type RandomBytes = (size: number) => Buffer;

/** 160 bits: the HMAC-SHA-1 key length RFC 4226 recommends, and what authenticator apps expect. */
export const TOTP_SECRET_BYTES = 20;
/** RFC 4226 requires at least 128 bits; longer keys from another system still verify. */
const MIN_SECRET_BYTES = 16;
const MAX_SECRET_BYTES = 64;

/** The parameters every authenticator app supports; the otpauth URI states them explicitly. */
export const TOTP_ALGORITHM = 'SHA1';
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;

/**
 * A TOTP shared secret. It hides its bytes from `JSON.stringify`, `String()` and `util.inspect`,
 * so a secret that ends up in a log line or an error shows as `[TotpSecret]`.
 */
export class TotpSecret {
  readonly #bytes: Buffer;

  private constructor(bytes: Buffer) {
    this.#bytes = bytes;
  }

  static fromBytes(bytes: Uint8Array): TotpSecret {
    if (bytes.length < MIN_SECRET_BYTES || bytes.length > MAX_SECRET_BYTES) {
      throw new RangeError(`a TOTP secret has ${MIN_SECRET_BYTES} to ${MAX_SECRET_BYTES} bytes`);
    }
    return new TotpSecret(Buffer.from(bytes));
  }

  /** A copy: callers may wipe or keep it without changing this secret. */
  bytes(): Buffer {
    return Buffer.from(this.#bytes);
  }

  /** RFC 4648 base32 without padding, as authenticator apps read it. */
  base32(): string {
    return this.otpauthSecret().base32.replace(/=+$/, '');
  }

  /** otpauth's view of the secret, on a buffer of its own (a Buffer may share a larger pool). */
  otpauthSecret(): Secret {
    return new Secret({ buffer: Uint8Array.from(this.#bytes).buffer });
  }

  toString(): string {
    return '[TotpSecret]';
  }

  toJSON(): string {
    return '[TotpSecret]';
  }

  [inspect.custom](): string {
    return '[TotpSecret]';
  }
}

export function newTotpSecret(random: RandomBytes): TotpSecret {
  const bytes = random(TOTP_SECRET_BYTES);
  if (bytes.length !== TOTP_SECRET_BYTES) {
    throw new RangeError(`the randomness port gave ${bytes.length} bytes, not ${TOTP_SECRET_BYTES}`);
  }
  return TotpSecret.fromBytes(bytes);
}

export interface TotpUriOptions {
  /** Shown by the authenticator app above the account (TOTP_ISSUER, "Rekey" by default). */
  issuer: string;
  /**
   * Names the account inside the app. It must identify nobody (no email, no name, no account
   * id): a lost phone or a screenshot of the app must not reveal whose factor it is.
   */
  accountLabel: string;
}

/**
 * The Key URI (Google Authenticator format) the QR code carries, with every parameter spelled
 * out. The format forbids a colon in the issuer and the label: apps split `issuer:label` on it.
 */
export function totpUri(secret: TotpSecret, options: TotpUriOptions): string {
  for (const [name, value] of [
    ['issuer', options.issuer],
    ['account label', options.accountLabel],
  ] as const) {
    if (value.trim().length === 0 || value.includes(':')) {
      throw new RangeError(`a TOTP ${name} is not empty and has no colon`);
    }
  }
  // The cheap guard against the likeliest mistake: an email address as the label.
  if (options.accountLabel.includes('@'))
    throw new RangeError('a TOTP account label identifies nobody: no email');
  return new TOTP({
    issuer: options.issuer,
    label: options.accountLabel,
    secret: secret.otpauthSecret(),
    algorithm: TOTP_ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  }).toString();
}

/** The time step (RFC 6238's T) a moment falls in. */
export function totpStepAt(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/**
 * The code of one time step, as an authenticator app shows it: for verification, for the demo's
 * simulated customers and for tests that type a code.
 */
export function totpCodeForStep(secret: TotpSecret, step: number): string {
  return HOTP.generate({
    secret: secret.otpauthSecret(),
    algorithm: TOTP_ALGORITHM,
    digits: TOTP_DIGITS,
    counter: step,
  });
}

export function totpCodeAt(secret: TotpSecret, now: Date): string {
  return totpCodeForStep(secret, totpStepAt(now));
}

/** The secret for typing by hand: base32 in groups of four ("JBSW Y3DP EHPK 3PXP ..."). */
export function totpSecretForTyping(secret: TotpSecret): string {
  return (secret.base32().match(/.{1,4}/g) ?? []).join(' ');
}
