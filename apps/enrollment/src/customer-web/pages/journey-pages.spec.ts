import type { Enrolment } from '../../enrolments/domain/enrolment';
import { methodsPage } from './journey-pages';
import { passwordPage, strongerSignInNeededPage } from './password-page';
import { recoveryCodesPage } from './recovery-codes-page';
import { totpPage } from './totp-page';

const enrolment = (minimumAssurance: Enrolment['minimumAssurance']): Enrolment => ({
  journeyId: '0190a0a0-0000-7000-8000-000000000001',
  legacyAccountId: 'L-1',
  targetAccountId: 'T-1',
  waveId: '0190a0a0-0000-7000-8000-000000000002',
  status: 'started',
  minimumAssurance,
  passwordBridgeEndsAt: new Date('2027-03-02T23:30:00Z'),
  startedAt: new Date('2026-12-02T09:00:00Z'),
});

describe('methodsPage', () => {
  it('offers the passkey first, then the app, then a password alone with its end date where AAL1 is allowed', () => {
    const html = methodsPage(enrolment('aal1')).html;
    const order = ['/enroll/passkey', '/enroll/totp', '/enroll/password'].map((href) => html.indexOf(href));
    expect(order.every((position) => position > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('at least 8 characters');
    expect(html).toContain('at least 15 characters');
    // The day in UTC, as the wave's policy set it.
    expect(html).toContain('on 2 March 2027 it stops working on its own');
    expect(html).toContain('invite you to add a passkey or an authenticator app');
  });

  it('never offers a password alone where the wave requires AAL2', () => {
    const html = methodsPage(enrolment('aal2')).html;
    expect(html).toContain('/enroll/totp');
    expect(html).not.toContain('/enroll/password');
    expect(html).not.toContain('Use a password only');
  });
});

describe('the factor pages', () => {
  it('post the session’s CSRF token with every form', () => {
    const csrfToken = 'token-"<>';
    for (const page of [
      totpPage({ csrfToken, setUp: { qrSvg: '<svg></svg>', typedSecret: 'ABCD EFGH' } }),
      passwordPage({ csrfToken, withTotp: false, passwordBridgeEndsAt: new Date() }),
    ]) {
      expect(page.html).toContain('<input type="hidden" name="csrf" value="token-&#34;&#60;&#62;">');
      expect(page.html).not.toContain('<script');
    }
  });

  it('tie a refusal to its field, focus it, and fill nothing in', () => {
    const refused = passwordPage({
      csrfToken: 't',
      withTotp: true,
      passwordBridgeEndsAt: new Date(),
      error: 'Your password needs at least 8 characters.',
    });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain(
      '<p id="password-error" class="error">Your password needs at least 8 characters.</p>',
    );
    expect(refused.html).toMatch(
      /<input id="password" name="password" type="password" [^>]*aria-describedby="password-error password-hint" aria-invalid="true" autofocus>/,
    );
    expect(refused.html).not.toMatch(/<input id="password"[^>]* value=/);
    const unrefused = passwordPage({ csrfToken: 't', withTotp: true, passwordBridgeEndsAt: new Date() });
    expect(unrefused.html).not.toContain('aria-invalid');
    expect(unrefused.html).not.toContain('autofocus');
  });

  it('show a confirmed app’s refusal without its secret', () => {
    const page = totpPage({ csrfToken: 't', error: 'That code was already used.' });
    expect(page.status).toBe(422);
    expect(page.html).not.toContain('class="secret"');
    expect(page.html).toContain('href="/enroll/password"');
  });

  it('say plainly when a password alone is not enough', () => {
    const page = strongerSignInNeededPage();
    expect(page.status).toBe(403);
    expect(page.html).toContain('/enroll/passkey');
    expect(page.html).toContain('/enroll/totp');
  });

  it('list the recovery codes once, say what a reload does, and lead to the done page', () => {
    const codes = Array.from(
      { length: 10 },
      (_, index) => `ABCD-EFGH-JKMN-PQ${String(index).padStart(2, '0')}`,
    );
    const html = recoveryCodesPage(codes).html;
    for (const code of codes) expect(html).toContain(`<li>${code}</li>`);
    expect(html).toContain('If you reload this page, you get a new set');
    expect(html).toContain('<a href="/enroll/done">Continue</a>');
  });
});
