import { escapeHtml, layout, newScriptNonce, type CustomerPage } from '@rekey/customer-web';
import { WEBAUTHN_SCRIPT_PATH } from '../../customer-web/assets.controller';
import { formField } from '../../customer-web/pages/form-fields';

// The passkey button: options, the authenticator's assertion, then the account page. Errors land
// in a live region; the password form below works without any script.
const script = `(function () {
  var W = window.SimpleWebAuthnBrowser;
  var form = document.getElementById('passkey-form');
  var csrf = form.getAttribute('data-csrf');
  var button = document.getElementById('passkey');
  var status = document.getElementById('status');
  function say(text, isError) { status.textContent = text; status.className = isError ? 'error' : 'note'; }
  function post(path, body) {
    return fetch(path, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify(body || {})
    }).then(function (response) {
      return response.json().then(function (json) { if (!response.ok) throw json; return json; });
    });
  }
  if (!W || !W.browserSupportsWebAuthn()) {
    button.disabled = true;
    say('This browser cannot use passkeys. Sign in with your password below.', true);
    return;
  }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    button.disabled = true;
    say('Follow the prompt on your device.', false);
    post('/sign-in/passkey/options').then(function (options) {
      return W.startAuthentication({ optionsJSON: options });
    }).then(function (assertion) {
      return post('/sign-in/passkey', assertion);
    }).then(function (done) {
      window.location.assign(done.location);
    }).catch(function (error) {
      button.disabled = false;
      say(error && error.detail ? error.detail : 'Your device did not sign you in. Try again, or use your password.', true);
      status.focus();
    });
  });
})();`;

/**
 * GET /sign-in: passkey first, then account + password (+ code); GET /sign-in/recovery has a
 * recovery code in place of the app's code. `error` is the neutral refusal.
 */
export function signInPage(
  csrfToken: string,
  error?: string,
  status = 200,
  route: 'code' | 'recovery' = 'code',
): CustomerPage {
  const nonce = newScriptNonce();
  const csrf = escapeHtml(csrfToken);
  const body = `<main>
<h1>Sign in</h1>
<form id="passkey-form" data-csrf="${csrf}">
<button type="submit" id="passkey">Sign in with a passkey</button>
</form>
<p id="status" class="note" role="status" aria-live="polite" tabindex="-1"></p>
<noscript><p class="note">Passkeys need JavaScript. You can sign in with your password below.</p></noscript>
<h2>Or sign in with your password</h2>
<form method="post" action="/sign-in/password">
<input type="hidden" name="csrf" value="${csrf}">
${error ? `<p id="sign-in-error" class="error" role="alert">${escapeHtml(error)}</p>` : ''}
${formField({ id: 'account', label: 'Account id', attributes: 'type="text" autocomplete="username" required' })}
${formField({
  id: 'password',
  label: 'Password',
  ...(route === 'recovery' ? { hint: 'Leave empty if you never had a password with us.' } : {}),
  attributes: `type="password" autocomplete="current-password"${route === 'code' ? ' required' : ''}`,
})}
${route === 'code' ? codeField : recoveryField}
<button type="submit">Sign in</button>
</form>
<p>${
    route === 'code'
      ? '<a href="/sign-in/recovery">Use a recovery code instead</a>'
      : '<a href="/sign-in">Use your authenticator app instead</a>'
  }</p>
</main>`;
  return {
    status,
    html: layout('Sign in', body, { nonce, files: [WEBAUTHN_SCRIPT_PATH], source: script }),
    scriptNonce: nonce,
    connectsToSelf: true,
  };
}

const codeField = formField({
  id: 'code',
  label: 'Code from your authenticator app',
  hint: 'Leave empty if you did not set up an authenticator app.',
  attributes: 'type="text" inputmode="numeric" autocomplete="one-time-code"',
});
const recoveryField = formField({
  id: 'recoveryCode',
  label: 'Recovery code',
  hint: 'One of the codes you saved when you set up your sign-in. Each works once.',
  attributes: 'type="text" autocomplete="off" required',
});

/** The right bridging password alone, after the bridge end. */
export function bridgeEndedPage(): CustomerPage {
  return {
    status: 403,
    html: layout(
      'Your temporary password has ended',
      `<main>
<h1>Your temporary password has ended</h1>
<p>Your password was a temporary bridge, and its end date has passed: it no longer signs you in on its own.</p>
<p>Sign in with a passkey if you added one, or contact support to set up a new way to sign in.</p>
<p><a href="/sign-in">Back to sign-in</a></p>
</main>`,
    ),
  };
}

export function tooManyAttemptsPage(): CustomerPage {
  return {
    status: 429,
    html: layout(
      'Too many attempts',
      `<main>
<h1>Too many attempts</h1>
<p>There were too many sign-in attempts from your network. Wait a minute and try again.</p>
<p><a href="/sign-in">Back to sign-in</a></p>
</main>`,
    ),
  };
}

/** A sign-in form sent without its page's live cookie, or an account form without a session. */
export function signInExpiredPage(): CustomerPage {
  return {
    status: 400,
    html: layout(
      'This page has expired',
      `<main>
<h1>This page has expired</h1>
<p>For your safety, sign-in pages work for a few minutes only. Open the sign-in page again.</p>
<p><a href="/sign-in">Sign in</a></p>
</main>`,
    ),
  };
}
