import { escapeHtml, layout, type CustomerPage } from '@rekey/customer-web';
import { passwordGuidance } from '../../passwords/domain/password-rule-words';
import { formField } from './form-fields';
import { bridgeEndDate, hiddenCsrfField } from './journey-pages';

export interface PasswordPageOptions {
  csrfToken: string;
  /** With the authenticator app confirmed (8 characters), or alone (15, a temporary bridge). */
  withTotp: boolean;
  passwordBridgeEndsAt: Date;
  /** The rule the password broke, in plain words (never the password). */
  error?: string;
}

/** GET /enroll/password, and the form again after a refused password. No script. */
export function passwordPage(options: PasswordPageOptions): CustomerPage {
  const title = options.withTotp ? 'Choose your password' : 'Choose a password';
  const situation = { secondFactor: options.withTotp };
  const body = `<main>
<h1>${title}</h1>
${
  options.withTotp
    ? '<p>Your authenticator app is set up. You will sign in with this password and a code from the app.</p>'
    : `<p>This password will be your only way to sign in for now. It is a temporary bridge: on ${escapeHtml(
        bridgeEndDate(options.passwordBridgeEndsAt),
      )} it stops working on its own, and until then we will invite you to add a passkey or an authenticator app each time you sign in.</p>`
}
<form method="post" action="/enroll/password">
${hiddenCsrfField(options.csrfToken)}
${formField({
  id: 'password',
  label: 'New password',
  hint: passwordGuidance(situation),
  ...(options.error ? { error: options.error } : {}),
  attributes: 'type="password" autocomplete="new-password" required spellcheck="false" autocapitalize="off"',
})}
<button type="submit">Save my password</button>
</form>
<p><a href="/enroll/methods">Choose another way to sign in</a></p>
</main>`;
  return { status: options.error ? 422 : 200, html: layout(title, body) };
}

/** A password alone where the wave requires more (a privileged account): nothing was saved. */
export function strongerSignInNeededPage(): CustomerPage {
  const body = `<main>
<h1>Your account needs a stronger sign-in</h1>
<p>For this account, a password on its own is not enough. Set up a passkey, or an authenticator app with a password.</p>
<p><a href="/enroll/passkey">Set up a passkey</a></p>
<p><a href="/enroll/totp">Set up an authenticator app</a></p>
</main>`;
  return { status: 403, html: layout('Your account needs a stronger sign-in', body) };
}
