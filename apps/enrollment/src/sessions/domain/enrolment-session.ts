import { randomBytes, timingSafeEqual } from 'node:crypto';
import { cookieValueOf, sessionCookie } from '@rekey/customer-web';

/** The cookie that carries a customer through the enrolment pages; it names nothing by itself. */
export const ENROLMENT_COOKIE = 'rekey_enrollment';
const COOKIE_PATH = '/enroll';

export interface EnrolmentSession {
  /** SHA-256 of the cookie's token: all the database holds. */
  hash: Buffer;
  /** Bound to the session, sent back by every form and ceremony call (CSRF's second half). */
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
}

export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

export function enrolmentSessionTokenOf(cookieHeader: string | undefined): string | undefined {
  return cookieValueOf(cookieHeader, ENROLMENT_COOKIE);
}

export function enrolmentCookie(token: string, options: { secure: boolean; maxAgeSeconds: number }): string {
  return sessionCookie(ENROLMENT_COOKIE, token, { path: COOKIE_PATH, ...options });
}

/** Constant time, so the comparison leaks nothing of the expected token. */
export function isCsrfTokenValid(expected: string, presented: unknown): boolean {
  if (typeof presented !== 'string' || presented.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(presented), Buffer.from(expected));
}
