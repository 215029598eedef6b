import {
  enrolmentCookie,
  enrolmentSessionTokenOf,
  isCsrfTokenValid,
  newCsrfToken,
} from './enrolment-session';

describe('enrolment sessions', () => {
  it('live in an HttpOnly, SameSite=Strict cookie scoped to the enrolment pages', () => {
    const cookie = enrolmentCookie('token', { secure: true, maxAgeSeconds: 1800 });
    expect(cookie).toBe(
      'rekey_enrollment=token; Path=/enroll; Max-Age=1800; HttpOnly; SameSite=Strict; Secure',
    );
    expect(enrolmentSessionTokenOf('x=1; rekey_enrollment=token')).toBe('token');
  });

  it('accept only the CSRF token bound to the session', () => {
    const token = newCsrfToken();
    expect(isCsrfTokenValid(token, token)).toBe(true);
    expect(isCsrfTokenValid(token, newCsrfToken())).toBe(false);
    expect(isCsrfTokenValid(token, token.slice(1))).toBe(false);
    expect(isCsrfTokenValid(token, undefined)).toBe(false);
    expect(isCsrfTokenValid(token, [token])).toBe(false);
  });
});
