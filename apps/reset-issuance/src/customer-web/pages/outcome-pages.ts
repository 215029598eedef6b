import { escapeHtml, layout, type CustomerPage } from '@rekey/customer-web';

const requestLinkForm = `<form method="post" action="/reset/request-link">
<label for="email">Email address</label>
<input type="email" id="email" name="email" required autocomplete="email" maxlength="254">
<button type="submit">Send me a new link</button>
</form>`;

/**
 * Every failed redemption gets exactly this page, whatever the reason (unknown, expired, used,
 * superseded, held): the same bytes, so nothing tells an attacker which tokens or accounts exist.
 */
export function linkUnusablePage(): CustomerPage {
  const body = `<main>
<h1>This link cannot be used</h1>
<p>It may have expired or been used already, or a newer link may have replaced it.</p>
${requestLinkForm}
</main>`;
  return { status: 400, html: layout('This link cannot be used', body) };
}

/** The answer to "send me a new link", whether or not the address belongs to anyone. */
export function newLinkRequestedPage(): CustomerPage {
  const body = `<main>
<h1>Check your messages</h1>
<p>If this address belongs to an account being moved to the new sign-in, a new link is on its way.</p>
</main>`;
  return { status: 200, html: layout('Check your messages', body) };
}

/** The same page whichever limit was reached; Retry-After says when to come back. */
export function tooManyAttemptsPage(): CustomerPage {
  const body = `<main>
<h1>Too many attempts</h1>
<p>Please wait a few minutes, then try again.</p>
</main>`;
  return { status: 429, html: layout('Too many attempts', body) };
}

/** Step-up by one-time code: where it went (masked), and the form; a refusal is tied to the field. */
export function stepUpCodePage(maskedChannel: string, rejected: boolean): CustomerPage {
  const body = `<main>
<h1>Confirm it is you</h1>
${rejected ? '<p id="code-error" class="error">That code did not work. Check it and try again; after too many attempts you will need a new link.</p>\n' : ''}<p>We sent a code to ${escapeHtml(maskedChannel)}. It is valid for a few minutes.</p>
<form method="post" action="/reset/step-up">
<label for="code">Code</label>
<input id="code" name="code" inputmode="numeric" pattern="[0-9]{6,8}" required autocomplete="one-time-code" maxlength="8"${rejected ? ' aria-invalid="true" aria-describedby="code-error"' : ''}>
<button type="submit">Continue</button>
</form>
<p class="note">Not received? Request a new link from the link page.</p>
</main>`;
  return { status: rejected ? 400 : 200, html: layout('Confirm it is you', body) };
}

/** No second verified channel: a support agent has to prove the customer's identity. */
export function supportProofingPage(): CustomerPage {
  const body = `<main>
<h1>Contact support to continue</h1>
<p>For your security, this account needs a quick identity check before the new sign-in can be set up.
Please contact our support team; they will guide you through it.</p>
</main>`;
  return { status: 200, html: layout('Contact support to continue', body) };
}

/** A step-up session that is missing, over, or locked. */
export function stepUpUnavailablePage(): CustomerPage {
  const body = `<main>
<h1>This check cannot continue</h1>
<p>It may have expired or been locked after too many attempts.</p>
${requestLinkForm}
</main>`;
  return { status: 400, html: layout('This check cannot continue', body) };
}

/** A customer POST that did not come from our pages (a form elsewhere, or a forged request). */
export function crossOriginPage(): CustomerPage {
  const body = `<main>
<h1>Please use the reset page</h1>
<p>This form can only be sent from our reset page. Open the link from your message again.</p>
</main>`;
  return { status: 403, html: layout('Please use the reset page', body) };
}

/** What was entered could not be read (an address that is not one): the form again. */
export function invalidEntryPage(): CustomerPage {
  const body = `<main>
<h1>Check what you entered</h1>
<p>That does not look like an email address. Please enter it again.</p>
${requestLinkForm}
</main>`;
  return { status: 400, html: layout('Check what you entered', body) };
}

/**
 * A request our pages never send: a body that does not parse, is too large or is of another
 * media type (400, 413, 415), or a field with control characters (400). Said plainly, in a page.
 */
export function unreadableRequestPage(status: 400 | 413 | 415): CustomerPage {
  const body = `<main>
<h1>Please use the reset page</h1>
<p>This request could not be read. Open the link from your message again and use the page it shows.</p>
</main>`;
  return { status, html: layout('Please use the reset page', body) };
}
