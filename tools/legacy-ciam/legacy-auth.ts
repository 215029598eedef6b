import { createHash, timingSafeEqual } from 'node:crypto';

export const DEFAULT_BEARER_TOKEN = 'rekey-legacy-dev-token';

/** How callers of the legacy API authenticate: one bearer token, or one basic user and password. */
export type LegacyAuth = { bearer: string } | { basic: { user: string; password: string } };

/** The Authorization header value this configuration accepts. */
export function authorizationOf(auth: LegacyAuth): string {
  return 'bearer' in auth
    ? `Bearer ${auth.bearer}`
    : `Basic ${Buffer.from(`${auth.basic.user}:${auth.basic.password}`).toString('base64')}`;
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Compared as digests in constant time, so the answer's timing says nothing about the secret. */
export function isAuthorized(auth: LegacyAuth, header: string | undefined): boolean {
  if (!header) return false;
  const [scheme = '', ...rest] = header.trim().split(/\s+/);
  const expectedScheme = 'bearer' in auth ? 'Bearer' : 'Basic';
  // The scheme is case-insensitive (RFC 9110); the credentials are not.
  const given = `${expectedScheme} ${rest.join(' ')}`;
  return (
    scheme.toLowerCase() === expectedScheme.toLowerCase() &&
    timingSafeEqual(digest(given), digest(authorizationOf(auth)))
  );
}
