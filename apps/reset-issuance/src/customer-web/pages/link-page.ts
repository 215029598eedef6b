import { layout, newScriptNonce, type CustomerPage } from '../customer-page';

// Reads the token from the fragment (never sent to any server), takes it out of the address bar
// and history, and waits for the customer's click: only that POST spends the link.
const script = `(function () {
  var token = new URLSearchParams(window.location.hash.slice(1)).get('t');
  if (window.location.hash) history.replaceState(null, '', window.location.pathname + window.location.search);
  var field = document.getElementById('token');
  if (token) {
    field.value = token;
    document.getElementById('redeem').hidden = false;
  } else {
    document.getElementById('missing').hidden = false;
  }
  window.addEventListener('pagehide', function () { field.value = ''; });
})();`;

/** GET /reset: the page a reset link opens. Nothing about the link is known server-side. */
export function linkPage(): CustomerPage {
  const nonce = newScriptNonce();
  const body = `<main>
<h1>Reset your sign-in</h1>
<form id="redeem" method="post" action="/reset/redeem" hidden>
<p>We are moving your account to a new sign-in. Continue to set up a passkey or another way to sign in.</p>
<input type="hidden" name="token" id="token" autocomplete="off">
<button type="submit">Continue</button>
</form>
<p id="missing" hidden>This page needs the link from your message. Open the link again, exactly as you received it.</p>
<noscript><p>This page needs JavaScript to read your link.</p></noscript>
</main>`;
  return {
    status: 200,
    html: layout('Reset your sign-in', body, { nonce, source: script }),
    scriptNonce: nonce,
  };
}
