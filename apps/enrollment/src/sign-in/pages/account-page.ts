import { escapeHtml, layout, newScriptNonce, type CustomerPage } from '@rekey/customer-web';
import { WEBAUTHN_SCRIPT_PATH } from '../../customer-web/assets.controller';
import type { SignedInSession } from '../sign-in-store.port';

// Adds a passkey: registration options, the device's attestation, then the account page again.
const script = `(function () {
  var W = window.SimpleWebAuthnBrowser;
  var form = document.getElementById('add-passkey');
  var csrf = form.getAttribute('data-csrf');
  var status = document.getElementById('passkey-status');
  function post(path, body) {
    return fetch(path, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify(body || {})
    }).then(function (response) {
      return response.json().then(function (json) { if (!response.ok) throw json; return json; });
    });
  }
  if (!W || !W.browserSupportsWebAuthn()) { form.hidden = true; return; }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    status.textContent = 'Follow the prompt on your device.';
    post('/account/passkey/options').then(function (options) {
      return W.startRegistration({ optionsJSON: options });
    }).then(function (attestation) {
      return post('/account/passkey', attestation);
    }).then(function (done) {
      window.location.assign(done.location);
    }).catch(function (error) {
      status.textContent = error && error.detail ? error.detail : 'Your device did not create the passkey. Try again.';
      status.focus();
    });
  });
})();`;

const DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

/**
 * GET /account: who is signed in and how. A customer on a bridging password alone is invited,
 * at every sign-in until the bridge ends, to add a passkey or an authenticator app.
 */
export function accountPage(session: SignedInSession, now: Date): CustomerPage {
  const onBridge = session.methods.length === 1 && session.methods[0] === 'password';
  // A code only ever signs in beside the password: offered to password sign-ins without one.
  const addsApp = session.methods.includes('password') && !session.methods.includes('totp');
  const invitation =
    onBridge && session.bridgeEndsAt && now < session.bridgeEndsAt
      ? `<section aria-labelledby="upgrade">
<h2 id="upgrade">Add a passkey or an authenticator app</h2>
<p>Your password is a temporary bridge: from ${escapeHtml(DATE.format(session.bridgeEndsAt))} it will no longer sign you in on its own.
Add a passkey, or an authenticator app, before then.</p>
</section>`
      : '';
  const body = `<main>
<h1>You are signed in</h1>
<p>Account <strong>${escapeHtml(session.targetAccountId)}</strong>, signed in with ${escapeHtml(
    session.methods.join(' and ').replace('_', ' '),
  )}.</p>
${invitation}
<form id="add-passkey" data-csrf="${escapeHtml(session.csrfToken)}">
<button type="submit">Add a passkey</button>
</form>
<p id="passkey-status" class="note" role="status" aria-live="polite" tabindex="-1"></p>
${addsApp ? '<p><a href="/account/totp">Add an authenticator app</a></p>' : ''}
<h2>Recovery codes</h2>
<p>A new set of recovery codes replaces the old one at once.</p>
<form method="post" action="/account/recovery-codes">
<input type="hidden" name="csrf" value="${escapeHtml(session.csrfToken)}">
<button type="submit">Get new recovery codes</button>
</form>
</main>`;
  const nonce = newScriptNonce();
  return {
    status: 200,
    html: layout('Your account', body, { nonce, files: [WEBAUTHN_SCRIPT_PATH], source: script }),
    scriptNonce: nonce,
    connectsToSelf: true,
  };
}
