import {
  LONGEST_RAW_CANDIDATE,
  MAXIMUM_CODE_POINTS,
  MAXIMUM_UTF8_BYTES,
  MINIMUM_CONTEXT_WORD_LENGTH,
  minimumLength,
} from './password-limits';
import type { PasswordRuleCode } from './password-rule-words';
import { PasswordRefused } from './password.errors';
import {
  codePointCount,
  comparableForm,
  hasControlCharacter,
  isWellFormedText,
  normalisePassword,
  utf8ByteLength,
} from './password-text';

/** Common and breached passwords, each held in its `comparableForm` (NFKC, lower case). */
export interface PasswordBlocklist {
  has(comparablePassword: string): boolean;
}

export interface PasswordCheckContext {
  /** The customer also enrols a second factor (TOTP): 8 characters suffice instead of 15. */
  secondFactor: boolean;
  /** The customer's name parts, email local part and the service's name (see passwordContextWords). */
  contextWords: readonly string[];
  blocklist: PasswordBlocklist;
}

/**
 * An accepted `password` is the NFKC form: what is hashed, so that any way of typing the same
 * text verifies. A refusal names the first rule broken.
 */
export type PasswordCheck =
  { accepted: true; password: string } | { accepted: false; refusal: PasswordRefused };

/**
 * NIST SP 800-63B-4 §3.1.1.2 for a password chosen by the customer: a minimum length, a maximum
 * well above 64, every character allowed (counted in code points after NFKC), no composition rules
 * (no "one digit, one symbol"), and a refusal of common, breached and context-specific passwords.
 * The first rule broken is the one reported: text that cannot be a password at all first, then
 * length, then the lists.
 */
export function checkPassword(candidate: string, context: PasswordCheckContext): PasswordCheck {
  const refuse = (rule: PasswordRuleCode): PasswordCheck => ({
    accepted: false,
    refusal: new PasswordRefused(rule, { secondFactor: context.secondFactor }),
  });

  if (candidate.length > LONGEST_RAW_CANDIDATE) return refuse('password.too-long');
  if (!isWellFormedText(candidate)) return refuse('password.malformed-text');
  const password = normalisePassword(candidate);
  if (hasControlCharacter(password)) return refuse('password.control-character');
  if (codePointCount(password) > MAXIMUM_CODE_POINTS || utf8ByteLength(password) > MAXIMUM_UTF8_BYTES) {
    return refuse('password.too-long');
  }
  if (codePointCount(password) < minimumLength(context.secondFactor)) return refuse('password.too-short');

  const comparable = comparableForm(password);
  if (context.blocklist.has(comparable)) return refuse('password.blocklisted');
  if (containsContextWord(comparable, context.contextWords)) return refuse('password.context-word');
  return { accepted: true, password };
}

function containsContextWord(comparablePassword: string, words: readonly string[]): boolean {
  return words
    .map((word) => comparableForm(word.trim()))
    .some((word) => codePointCount(word) >= MINIMUM_CONTEXT_WORD_LENGTH && comparablePassword.includes(word));
}
