/** NIST SP 800-63B-4 §3.1.1.2: 15 characters when the password is the only factor... */
export const MINIMUM_LENGTH_ONLY_FACTOR = 15;
/** ...8 when it is used only together with a second factor (here TOTP). */
export const MINIMUM_LENGTH_WITH_SECOND_FACTOR = 8;

/**
 * The longest password accepted, in code points after NFKC. NIST asks for at least 64; 256 is four
 * times that, room for a passphrase of a dozen long words or one typed in a script whose
 * characters take several code points. Argon2id's cost is its memory and passes, and it reads the
 * password only once (into the BLAKE2b pre-hash), so the bound is not about the hash itself: it
 * keeps every step an attempt costs (normalising, the blocklist and context-word scans, the
 * request body, the pre-hash) small and fixed, so a client cannot make each attempt arbitrarily
 * expensive.
 */
export const MAXIMUM_CODE_POINTS = 256;

/**
 * The hasher's own limit, in UTF-8 bytes of the NFKC form: 256 code points of at most 4 bytes
 * each. The policy's code-point bound keeps every accepted password within it; the hasher enforces
 * it again for the passwords typed at sign-in, which no policy checked.
 */
export const MAXIMUM_UTF8_BYTES = 1024;

// NFKC folds at most four code points into one (a letter and three combining marks composing into
// one precomposed letter), and a code point takes at most two UTF-16 units and at least one UTF-8
// byte: text longer than these, in UTF-16 units, cannot come under the limits once normalised, so
// it is refused before any work is spent on it.
export const LONGEST_RAW_CANDIDATE = MAXIMUM_CODE_POINTS * 4 * 2;
export const LONGEST_RAW_TO_HASH = MAXIMUM_UTF8_BYTES * 4 * 2;

/** Shorter name parts ("Li", "Ng", "Ada") would refuse too many good passphrases to be worth it. */
export const MINIMUM_CONTEXT_WORD_LENGTH = 4;

export function minimumLength(secondFactor: boolean): number {
  return secondFactor ? MINIMUM_LENGTH_WITH_SECOND_FACTOR : MINIMUM_LENGTH_ONLY_FACTOR;
}
