import { createHash, randomBytes } from 'node:crypto';

/** The cookie that carries a customer from redemption to step-up; it names nothing by itself. */
export const STEP_UP_COOKIE = 'rekey_step_up';

export function newStepUpSession(): string {
  return randomBytes(32).toString('base64url');
}

/** The database keeps only this, so reading the table does not let anyone take over a session. */
export function stepUpSessionHash(session: string): Buffer {
  return createHash('sha256').update(session, 'utf8').digest();
}

export function stepUpSessionOf(cookieHeader: string | undefined): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === STEP_UP_COOKIE) return value.join('=') || undefined;
  }
  return undefined;
}

export function stepUpCookie(session: string, options: { secure: boolean; maxAgeSeconds: number }): string {
  return [
    `${STEP_UP_COOKIE}=${session}`,
    'Path=/reset',
    `Max-Age=${options.maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

export function clearedStepUpCookie(secure: boolean): string {
  return stepUpCookie('', { secure, maxAgeSeconds: 0 });
}
