import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

export const CODE_DIGITS = 6;

/** Six digits, uniform, from the CSPRNG: five attempts give a guesser a 1 in 200,000 chance. */
export function generateOneTimeCode(): string {
  return randomInt(0, 10 ** CODE_DIGITS)
    .toString()
    .padStart(CODE_DIGITS, '0');
}

/**
 * What the database keeps instead of the code: an HMAC bound to its challenge, so a leaked table
 * (without the key) reveals nothing and a digest cannot be replayed on another challenge.
 */
export function oneTimeCodeDigest(key: Buffer, challengeId: string, code: string): Buffer {
  return createHmac('sha256', key).update(`${challengeId}:${code}`, 'utf8').digest();
}

export function isCorrectCode(key: Buffer, challengeId: string, presented: string, stored: Buffer): boolean {
  const digest = oneTimeCodeDigest(key, challengeId, presented);
  return digest.length === stored.length && timingSafeEqual(digest, stored);
}
