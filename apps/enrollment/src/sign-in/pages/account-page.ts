import { escapeHtml, layout, type CustomerPage } from '@rekey/customer-web';
import type { SignedInSession } from '../sign-in-store.port';

const DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

/**
 * GET /account: who is signed in and how. A customer on a bridging password alone is invited,
 * at every sign-in until the bridge ends, to add a passkey or an authenticator app.
 */
export function accountPage(session: SignedInSession, now: Date): CustomerPage {
  const onBridge = session.methods.length === 1 && session.methods[0] === 'password';
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
<h2>Recovery codes</h2>
<p>A new set of recovery codes replaces the old one at once.</p>
<form method="post" action="/account/recovery-codes">
<input type="hidden" name="csrf" value="${escapeHtml(session.csrfToken)}">
<button type="submit">Get new recovery codes</button>
</form>
</main>`;
  return { status: 200, html: layout('Your account', body) };
}
