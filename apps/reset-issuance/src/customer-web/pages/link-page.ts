import { layout, newScriptNonce, type CustomerPage } from '@rekey/customer-web';

// Reads the token from the fragment (never sent to any server), takes it out of the address bar
// and history, and waits for the customer's click: only that POST spends the link. Without a
// script (or without a token) the code form stays: the message's short code does the same.
const script = `(function () {
  var token = new URLSearchParams(window.location.hash.slice(1)).get('t');
  if (window.location.hash) history.replaceState(null, '', window.location.pathname + window.location.search);
  var field = document.getElementById('token');
  if (token) {
    field.value = token;
    document.getElementById('redeem').hidden = false;
    document.getElementById('by-code').hidden = true;
  } else {
    document.getElementById('missing').hidden = false;
  }
  window.addEventListener('pagehide', function () { field.value = ''; });
})();`;

/**
 * GET /reset: the page a reset link opens. Nothing about the link is known server-side. The code
 * form posts the code the message carries beside the link, for browsers that run no script.
 */
export function linkPage(): CustomerPage {
  const nonce = newScriptNonce();
  const body = `<main>
<h1>Reset your sign-in</h1>
<form id="redeem" method="post" action="/reset/redeem" hidden>
<p>We are moving your account to a new sign-in. Continue to set up a passkey or another way to sign in.</p>
<input type="hidden" name="token" id="token" autocomplete="off">
<button type="submit">Continue</button>
</form>
<p id="missing" hidden>This page needs the link from your message. Open the link again, exactly as you received it, or enter the code below.</p>
<form id="by-code" method="post" action="/reset/redeem">
<p>Link not working? Enter the code from your message instead.</p>
<label for="code">Code from your message</label>
<input id="code" name="code" required maxlength="32" autocomplete="off" autocapitalize="characters" spellcheck="false">
<button type="submit">Use this code</button>
</form>
</main>`;
  return {
    status: 200,
    html: layout('Reset your sign-in', body, { nonce, source: script }),
    scriptNonce: nonce,
  };
}
