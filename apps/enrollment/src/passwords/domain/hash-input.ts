import { LONGEST_RAW_TO_HASH, MAXIMUM_UTF8_BYTES } from './password-limits';
import { PasswordRefused } from './password.errors';
import { isWellFormedText, normalisePassword } from './password-text';

/**
 * What every password hasher feeds its function: the UTF-8 bytes of the NFKC form, or why there
 * are none. Above MAXIMUM_UTF8_BYTES is too long; a lone surrogate is not text (Node would encode
 * U+FFFD in its place, so two passwords would share one hash).
 */
export function hashInputOf(password: string): Buffer | PasswordRefused {
  if (password.length > LONGEST_RAW_TO_HASH) return new PasswordRefused('password.too-long');
  if (!isWellFormedText(password)) return new PasswordRefused('password.malformed-text');
  const bytes = Buffer.from(normalisePassword(password), 'utf8');
  return bytes.length > MAXIMUM_UTF8_BYTES ? new PasswordRefused('password.too-long') : bytes;
}
