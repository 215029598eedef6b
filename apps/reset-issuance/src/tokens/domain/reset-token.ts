import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 bytes from the CSPRNG: 256 bits, as base64url (43 characters, safe in a URL fragment). */
const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export type ResetTokenStatus = 'live' | 'redeemed' | 'superseded' | 'expired';

export function generateResetToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/**
 * What the database stores and looks tokens up by. A plain SHA-256 is enough: the token has 256
 * bits of entropy, so there is nothing to brute-force, unlike a password.
 */
export function hashResetToken(token: string): Buffer {
  return hash('sha256', token, 'buffer');
}

/**
 * Whether a presented value has a token's shape. Redemption reads such a value as a token and any
 * other as a typed code; it refuses neither on shape alone but looks both up, so a malformed value
 * costs the same work and gets the same answer as a well-formed unknown one.
 */
export function isWellFormedResetToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

export function sameHash(first: Buffer, second: Buffer): boolean {
  return first.length === second.length && timingSafeEqual(first, second);
}
