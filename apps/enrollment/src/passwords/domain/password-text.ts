/**
 * The one form a password is compared and hashed in. NFKC folds what a keyboard, an input method
 * or a password manager may type differently for the same visible text (a composed "é" and an "e"
 * followed by a combining acute, a full-width "Ａ" and "A", the ligature "ﬁ" and "fi"), so a
 * customer who typed it one way on enrolment and another way at sign-in is not locked out
 * (NIST SP 800-63B §3.1.1.2).
 */
export function normalisePassword(text: string): string {
  return text.normalize('NFKC');
}

/**
 * The case-folded form the blocklist and context words are compared in. The blocklist adapter
 * builds its entries with this same function, so both sides always fold alike.
 * `toLowerCase` (not `toLocaleLowerCase`) gives the same answer on every server, whatever its locale.
 */
export function comparableForm(text: string): string {
  return normalisePassword(text).toLowerCase();
}

/** Characters as NIST counts them: Unicode code points, not UTF-16 units (an emoji is one or more, never half). */
export function codePointCount(text: string): number {
  let count = 0;
  for (const _codePoint of text) count += 1;
  return count;
}

export function utf8ByteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

// C0 and C1 controls and DEL (Unicode category Cc), tab and line feed included: a password field
// is one line, and a control character in it is a paste accident or an attack on what logs it.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const controlCharacter = /[\u0000-\u001F\u007F-\u009F]/;

export function hasControlCharacter(text: string): boolean {
  return controlCharacter.test(text);
}

/**
 * A lone UTF-16 surrogate is no character at all: UTF-8 cannot encode it, and Node would hash
 * U+FFFD in its place, so "a\uD800" and "a\uFFFD" would be the same password.
 */
export function isWellFormedText(text: string): boolean {
  return text.isWellFormed();
}
