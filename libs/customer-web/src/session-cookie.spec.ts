import { cookieValueOf, newSessionToken, sessionCookie, sessionTokenHash } from './session-cookie';

describe('customer session cookies', () => {
  it('carry 256 random bits, of which only a digest is kept', () => {
    const token = newSessionToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(newSessionToken()).not.toBe(token);
    expect(sessionTokenHash(token)).toHaveLength(32);
    expect(sessionTokenHash(token).toString('base64url')).not.toBe(token);
  });

  it('are HttpOnly, SameSite=Strict, scoped to their path, and Secure over https', () => {
    const cookie = sessionCookie('rekey_x', 'abc', { path: '/enroll', secure: true, maxAgeSeconds: 60 });
    expect(cookie).toBe('rekey_x=abc; Path=/enroll; Max-Age=60; HttpOnly; SameSite=Strict; Secure');
    expect(sessionCookie('rekey_x', 'abc', { path: '/', secure: false, maxAgeSeconds: 0 })).not.toContain(
      'Secure',
    );
  });

  it('are read by name from a Cookie header, and missing or empty ones are none', () => {
    expect(cookieValueOf('a=1; rekey_x=v=w; b=2', 'rekey_x')).toBe('v=w');
    expect(cookieValueOf('rekey_x=', 'rekey_x')).toBeUndefined();
    expect(cookieValueOf(undefined, 'rekey_x')).toBeUndefined();
  });
});
