import { hash } from 'node:crypto';

/**
 * The short code a reset message carries beside its link, for customers whose browser runs no
 * script (the link page reads the token from the fragment with one). It is derived from the
 * token, so it lives and dies with it: the same row, the same single use, the same expiry.
 *
 * Crockford's base32 (no I, L, O, U: nothing to misread), 16 characters: 80 bits. Online, the rate
 * limits give a guesser no chance against 80 bits; offline, a leaked table of code digests still
 * costs about 2^80 / live codes hashes to match one, far more than a link lives.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RESET_CODE_LENGTH = 16;

export function resetCodeOf(token: string): string {
  const digest = hash('sha256', `rekey reset code\0${token}`, 'buffer');
  let bits = 0n;
  for (const byte of digest.subarray(0, 10)) bits = (bits << 8n) | BigInt(byte);
  let code = '';
  for (let index = 0; index < RESET_CODE_LENGTH; index += 1) {
    code = ALPHABET.charAt(Number(bits & 31n)) + code;
    bits >>= 5n;
  }
  return code;
}

/** As the message shows it: four groups of four. */
export function formatResetCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/**
 * What a customer typed, as the canonical code: case, spaces and dashes do not matter, and the
 * letters Crockford reads as digits (O as 0, I and L as 1) are read that way. Undefined when it
 * cannot be a code.
 */
export function normaliseResetCode(typed: string): string | undefined {
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== RESET_CODE_LENGTH) return undefined;
  for (const character of code) if (!ALPHABET.includes(character)) return undefined;
  return code;
}

/** What the database stores and looks codes up by; never the code. */
export function hashResetCode(code: string): Buffer {
  return hash('sha256', `rekey reset code digest\0${code}`, 'buffer');
}
