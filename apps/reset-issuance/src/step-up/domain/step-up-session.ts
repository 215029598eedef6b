import { cookieValueOf, newSessionToken, sessionCookie, sessionTokenHash } from '@rekey/customer-web';

/** The cookie that carries a customer from redemption to step-up; it names nothing by itself. */
export const STEP_UP_COOKIE = 'rekey_step_up';

export const newStepUpSession = newSessionToken;

/** The database keeps only this, so reading the table does not let anyone take over a session. */
export const stepUpSessionHash = sessionTokenHash;

export function stepUpSessionOf(cookieHeader: string | undefined): string | undefined {
  return cookieValueOf(cookieHeader, STEP_UP_COOKIE);
}

export function stepUpCookie(session: string, options: { secure: boolean; maxAgeSeconds: number }): string {
  return sessionCookie(STEP_UP_COOKIE, session, { path: '/reset', ...options });
}

export function clearedStepUpCookie(secure: boolean): string {
  return stepUpCookie('', { secure, maxAgeSeconds: 0 });
}
