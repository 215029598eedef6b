import { layout, newScriptNonce, type CustomerPage } from '@rekey/customer-web';

// Reads the grant from the fragment (never sent to any server, so never in a log), takes it out
// of the address bar and history, and posts it once: the answer sets the session cookie.
const script = `(function () {
  var grant = new URLSearchParams(window.location.hash.slice(1)).get('grant');
  if (window.location.hash) history.replaceState(null, '', window.location.pathname);
  if (!grant) { document.getElementById('missing').hidden = false; return; }
  var form = document.getElementById('exchange');
  document.getElementById('grant').value = grant;
  form.hidden = false;
  document.getElementById('continue').focus();
  form.submit();
})();`;

/** GET /enroll: where reset-issuance sends a customer whose link was redeemed. */
export function landingPage(): CustomerPage {
  const nonce = newScriptNonce();
  const body = `<main>
<h1>Set up your new sign-in</h1>
<form id="exchange" method="post" action="/enroll/session" hidden>
<input type="hidden" name="grant" id="grant" autocomplete="off">
<p>One moment while we open your set-up page.</p>
<button type="submit" id="continue">Continue</button>
</form>
<p id="missing" hidden>This page opens from the link in your reset message. Open that link again.</p>
<noscript><p>This page needs JavaScript to open your set-up. Turn it on, then open the link from your message again.</p></noscript>
</main>`;
  return {
    status: 200,
    html: layout('Set up your new sign-in', body, { nonce, source: script }),
    scriptNonce: nonce,
  };
}

/** One answer for unknown, expired, reused or forged grants and held accounts. */
export function cannotContinuePage(): CustomerPage {
  const body = `<main>
<h1>We can't continue with this link</h1>
<p>It may have been used already, or it has expired. For your security, each link works once and for a short time.</p>
<p>Go back to the link in your reset message to get a new one, or contact support if this keeps happening.</p>
</main>`;
  return { status: 400, html: layout("We can't continue with this link", body) };
}

export function sessionEndedPage(): CustomerPage {
  const body = `<main>
<h1>Your set-up session has ended</h1>
<p>For your security, set-up pages close after a while. Open the link in your reset message again to continue where you left off.</p>
</main>`;
  return { status: 401, html: layout('Your set-up session has ended', body) };
}

export function crossOriginPage(): CustomerPage {
  const body = `<main>
<h1>Please use the set-up page itself</h1>
<p>This form must be sent from the set-up page. Open the link in your reset message again.</p>
</main>`;
  return { status: 403, html: layout('Please use the set-up page itself', body) };
}

export function unreadableRequestPage(status: 400 | 413 | 415): CustomerPage {
  const body = `<main>
<h1>We could not read that</h1>
<p>Go back to the set-up page and try again.</p>
</main>`;
  return { status, html: layout('We could not read that', body) };
}
