import { escapeHtml, layout, newScriptNonce, type CustomerPage } from '@rekey/customer-web';
import { WEBAUTHN_SCRIPT_PATH } from '../assets.controller';

// Runs the two ceremonies: registration (skipped when a passkey is registered but not yet proven),
// then one sign-in with the new passkey. Errors land in a live region next to the button, and the
// other ways to sign in stay one link away.
const script = `(function () {
  var W = window.SimpleWebAuthnBrowser;
  var csrf = document.getElementById('passkey-form').getAttribute('data-csrf');
  var button = document.getElementById('create');
  var status = document.getElementById('status');
  var device = document.getElementById('device');
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
    say('This browser cannot create passkeys. Choose another way to sign in below.', true);
    return;
  }
  W.platformAuthenticatorIsAvailable().then(function (available) {
    if (!available) device.hidden = false;
  });
  document.getElementById('passkey-form').addEventListener('submit', function (event) {
    event.preventDefault();
    button.disabled = true;
    say('Follow the prompt on your device.', false);
    post('/enroll/passkey/options').then(function (step) {
      if (step.ceremony !== 'registration') return step;
      return W.startRegistration({ optionsJSON: step.options }).then(function (attestation) {
        return post('/enroll/passkey/registration', attestation);
      });
    }).then(function (step) {
      say('Passkey created. Now use it once to sign in, to check it works.', false);
      return W.startAuthentication({ optionsJSON: step.options });
    }).then(function (assertion) {
      return post('/enroll/passkey/proof', assertion);
    }).then(function (done) {
      window.location.assign(done.location);
    }).catch(function (error) {
      button.disabled = false;
      var detail = error && error.detail ? error.detail
        : 'Your device did not create the passkey. Try again, or choose another way to sign in.';
      say(detail, true);
      status.focus();
    });
  });
})();`;

/** GET /enroll/passkey: one button; the page needs JavaScript only for this ceremony. */
export function passkeyPage(csrfToken: string, proving: boolean): CustomerPage {
  const nonce = newScriptNonce();
  const body = `<main>
<h1>${proving ? 'Check your passkey' : 'Set up a passkey'}</h1>
<p>${
    proving
      ? 'Your passkey is created. Use it once to sign in, so we know it works.'
      : 'Your device will ask for your fingerprint, face or PIN. We never see them: they stay on your device.'
  }</p>
<p id="device" class="note" hidden>This device has no built-in passkey support. You can use a security key, or your phone: your browser will offer to show a QR code to scan.</p>
<form id="passkey-form" data-csrf="${escapeHtml(csrfToken)}">
<button type="submit" id="create">${proving ? 'Sign in with my passkey' : 'Create a passkey'}</button>
</form>
<p id="status" class="note" role="status" aria-live="polite" tabindex="-1"></p>
<noscript><p class="error">Creating a passkey needs JavaScript. Turn it on, or choose another way to sign in.</p></noscript>
<p><a href="/enroll/methods">Choose another way to sign in</a></p>
</main>`;
  return {
    status: 200,
    html: layout(proving ? 'Check your passkey' : 'Set up a passkey', body, {
      nonce,
      files: [WEBAUTHN_SCRIPT_PATH],
      source: script,
    }),
    scriptNonce: nonce,
    connectsToSelf: true,
  };
}
