import { createHash, randomBytes } from 'node:crypto';

/** A customer session's secret: 256 random bits, the cookie's only content (it names nothing). */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The database keeps only this, so reading a table does not let anyone take over a session. */
export function sessionTokenHash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export function cookieValueOf(cookieHeader: string | undefined, name: string): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=') || undefined;
  }
  return undefined;
}

export interface SessionCookieOptions {
  path: string;
  secure: boolean;
  maxAgeSeconds: number;
}

/** HttpOnly (no script reads it) and SameSite=Strict (no other site's request carries it). */
export function sessionCookie(name: string, token: string, options: SessionCookieOptions): string {
  return [
    `${name}=${token}`,
    `Path=${options.path}`,
    `Max-Age=${options.maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}
