import { hash } from 'node:crypto';
import { MalformedRecoveryCode } from './recovery-code.errors';

/** Randomness is a port, so tests are deterministic: `node:crypto`'s `randomBytes` in production. */
export type RandomBytes = (size: number) => Buffer;

export const RECOVERY_CODES_PER_SET = 10;
/** 80 bits each: far beyond guessing, even with no rate limit, and still short enough to type. */
const CODE_BYTES = 10;
const CODE_CHARACTERS = 16;
const GROUP = 4;
/**
 * Crockford's base32: no I, L, O or U, so nothing printed can be misread, and what a customer
 * types for a confusable letter maps back (O → 0, I and L → 1).
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const NORMALISED = new RegExp(`^[${ALPHABET}]{${CODE_CHARACTERS}}$`);
const CONFUSABLES: Record<string, string> = { O: '0', I: '1', L: '1' };
// Longer input is not a code with stray separators: refuse it before looking at it.
const MAX_INPUT_LENGTH = 64;
// A randomness port that keeps repeating itself is broken: refuse it instead of looping forever.
const MAX_DRAWS = RECOVERY_CODES_PER_SET * 10;

/** A set as it leaves the domain: the codes, shown once, and what the store keeps instead. */
export interface RecoveryCodeSet {
  /** `XXXX-XXXX-XXXX-XXXX`, for the customer to print or write down; never stored. */
  codes: string[];
  /** SHA-256 of each normalised code, in the same order. */
  digests: Buffer[];
}

/**
 * A whole new set of ten distinct codes. A set is only ever replaced whole: storing a new one
 * makes every code of the old one stop working.
 */
export function newRecoveryCodeSet(random: RandomBytes): RecoveryCodeSet {
  const normalised = new Set<string>();
  for (let draw = 0; normalised.size < RECOVERY_CODES_PER_SET; draw += 1) {
    if (draw === MAX_DRAWS) throw new Error('the randomness port keeps repeating itself');
    const bytes = random(CODE_BYTES);
    if (bytes.length !== CODE_BYTES) {
      throw new RangeError(`the randomness port gave ${bytes.length} bytes, not ${CODE_BYTES}`);
    }
    normalised.add(base32(bytes));
  }
  const codes = [...normalised];
  return { codes: codes.map(forDisplay), digests: codes.map(digestOfNormalised) };
}

/**
 * A typed code in its one stored form: letters uppercased, dashes and whitespace dropped,
 * confusable letters mapped to the digits they look like. Throws MalformedRecoveryCode unless 16
 * characters of the alphabet remain.
 */
export function normaliseRecoveryCode(input: string): string {
  if (input.length > MAX_INPUT_LENGTH) throw new MalformedRecoveryCode();
  const code = input
    .replace(/[-\s]+/g, '')
    .replace(/[a-z]/g, (letter) => letter.toUpperCase())
    .replace(/[OIL]/g, (letter) => CONFUSABLES[letter] ?? letter);
  if (!NORMALISED.test(code)) throw new MalformedRecoveryCode();
  return code;
}

/**
 * What the store keeps and looks a code up by: SHA-256 of the normalised code. A plain hash is
 * enough, as with reset tokens: 80 random bits leave nothing to brute-force, unlike a password.
 */
export function recoveryCodeDigest(input: string): Buffer {
  return digestOfNormalised(normaliseRecoveryCode(input));
}

function digestOfNormalised(code: string): Buffer {
  return hash('sha256', code, 'buffer');
}

function forDisplay(code: string): string {
  return (code.match(new RegExp(`.{${GROUP}}`, 'g')) ?? []).join('-');
}

/** Ten bytes as sixteen base32 characters, five bits each, most significant first. */
function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let text = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      text += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return text;
}
