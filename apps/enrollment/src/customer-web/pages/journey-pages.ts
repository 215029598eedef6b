import { escapeHtml, layout, type CustomerPage } from '@rekey/customer-web';
import type { Enrolment } from '../../enrolments/domain/enrolment';

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

// TOTP and the bridging password come with their own pages; until a page offers them, none is listed.
function otherMethods(_enrolment: Enrolment): string {
  return '';
}

/** What happens next, once the new sign-in is proven. */
export function donePage(): CustomerPage {
  const body = `<main>
<h1>You're all set</h1>
<p>Your new sign-in works: you just used it.</p>
<h2>What happens next</h2>
<ul>
<li>Your old password stops working when the move to the new sign-in finishes.</li>
<li>Anywhere you are still signed in with your old password will be signed out.</li>
<li>We are sending a message to your verified email address and phone to tell you a new sign-in method was added. If it was not you, contact support straight away.</li>
<li>If you lose your device, contact support to recover your account.</li>
</ul>
</main>`;
  return { status: 200, html: layout("You're all set", body) };
}

export function hiddenCsrfField(csrfToken: string): string {
  return `<input type="hidden" name="csrf" value="${escapeHtml(csrfToken)}">`;
}
