/**
 * Last line of defence for logs: whatever a developer passes, values that look like credentials
 * are masked. Keys are matched by name; strings by shape.
 */
export const REDACTED = '[REDACTED]';

const secretKey =
  /^(authorization|cookie|set-cookie|password|passwd|secret|client_secret|token|access_token|refresh_token|id_token|accesstoken|refreshtoken|idtoken|code|otp|totp|pin|apikey|api_key|api-key|privatekey|private_key|credential|credentials|grant|enrollmentgrant|resettoken|reset_token|signature|hash|tokenhash|codehash|seed|recoverycodes?)$/i;

const bearer = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const jwt = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
// Reset tokens and other random secrets: long base64url runs with mixed character classes.
const longRandom =
  /\b(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[a-z])(?=[A-Za-z0-9_-]*[A-Z])[A-Za-z0-9_-]{32,}\b/g;
const urlCredentials = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi;
const queryToken = /([?&](?:token|code|otp|password|secret|grant)=)[^&\s#]+/gi;

export function isSecretKey(key: string): boolean {
  return secretKey.test(key);
}

export function scrubText(text: string): string {
  return text
    .replace(bearer, (_match, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(jwt, REDACTED)
    .replace(urlCredentials, `$1${REDACTED}@`)
    .replace(queryToken, `$1${REDACTED}`)
    .replace(longRandom, REDACTED);
}

/** A copy of `value` with secret-named keys masked and every string scrubbed, to any depth. */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[Truncated]';
  if (typeof value === 'string') return scrubText(value);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1));
  if (value instanceof Error) {
    return {
      type: value.name,
      message: scrubText(value.message),
      stack: value.stack ? scrubText(value.stack) : undefined,
    };
  }
  if (value && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        isSecretKey(key) ? REDACTED : scrubValue(item, depth + 1),
      ]),
    );
  }
  return value;
}
