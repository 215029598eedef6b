import { escapeHtml, layout, type CustomerPage } from '@rekey/customer-web';
import type { Enrolment } from '../../enrolments/domain/enrolment';
import { allowsPasswordAlone } from '../../passwords/domain/password-route';

/** The ways to sign in this enrolment may finish on, best first. */
export function methodsPage(enrolment: Enrolment): CustomerPage {
  const body = `<main>
<h1>Choose how you will sign in</h1>
<p>Your account is moving to a new sign-in. Your old password will stop working when the move finishes.</p>
<section class="method" aria-labelledby="passkey-heading">
<h2 id="passkey-heading">Use a passkey (recommended)</h2>
<p>A passkey lets you sign in with your fingerprint, face or device PIN, or with a security key or your phone. There is nothing to remember or type, and it cannot be phished: it only works on this site.</p>
<p><a href="/enroll/passkey">Set up a passkey</a></p>
</section>
${otherMethods(enrolment)}</main>`;
  return { status: 200, html: layout('Choose how you will sign in', body) };
}

// After the passkey: the app with a password (AAL2) always; a password alone (AAL1) only where
// the wave allows AAL1, so a privileged account is never offered what it may not finish on.
function otherMethods(enrolment: Enrolment): string {
  const totp = `<section class="method" aria-labelledby="totp-heading">
<h2 id="totp-heading">Use an authenticator app</h2>
<p>An app on your phone, such as Google Authenticator, Microsoft Authenticator or 1Password, shows a new 6-digit code every 30 seconds. You sign in with a password of at least 8 characters and the code the app shows, so someone who learns your password still cannot get in.</p>
<p><a href="/enroll/totp">Set up an authenticator app</a></p>
</section>
`;
  if (!allowsPasswordAlone(enrolment.minimumAssurance)) return totp;
  return `${totp}<section class="method" aria-labelledby="password-heading">
<h2 id="password-heading">Use a password only</h2>
<p>A long password of at least 15 characters and nothing else. It is the least safe choice, so it is a temporary bridge: on ${escapeHtml(
    bridgeEndDate(enrolment.passwordBridgeEndsAt),
  )} it stops working on its own, and until then we will invite you to add a passkey or an authenticator app each time you sign in.</p>
<p><a href="/enroll/password">Set a password</a></p>
</section>
`;
}

const longDate = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

/** The day a bridging password alone stops signing in, as the pages say it ("2 March 2027"). */
export function bridgeEndDate(date: Date): string {
  return longDate.format(date);
}

/** What happens next, once the new sign-in is proven; and the account id a password sign-in asks for. */
export function donePage(targetAccountId: string): CustomerPage {
  const body = `<main>
<h1>You're all set</h1>
<p>Your new sign-in works: you just used it.</p>
<p>Next time, sign in at <a href="/sign-in">the sign-in page</a>. A passkey needs nothing typed; with a password, your account id is <strong>${escapeHtml(targetAccountId)}</strong>.</p>
<h2>What happens next</h2>
<ul>
<li>Your old password stops working when the move to the new sign-in finishes.</li>
<li>Anywhere you are still signed in with your old password will be signed out.</li>
<li>We are sending a message to your verified email address and phone to tell you a new sign-in method was added. If it was not you, contact support straight away.</li>
<li>If you lose your device, sign in with one of your recovery codes, or contact support to recover your account.</li>
</ul>
</main>`;
  return { status: 200, html: layout("You're all set", body) };
}

export function hiddenCsrfField(csrfToken: string): string {
  return `<input type="hidden" name="csrf" value="${escapeHtml(csrfToken)}">`;
}
