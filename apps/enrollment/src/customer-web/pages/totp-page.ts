import { escapeHtml, layout, type CustomerPage } from '@rekey/customer-web';
import type { TotpSetUp } from '../../totp/totp-set-up';
import { formField } from './form-fields';
import { hiddenCsrfField } from './journey-pages';

export interface TotpPageOptions {
  csrfToken: string;
  /** The pending secret; absent once the factor is confirmed (its secret never shows again). */
  setUp?: TotpSetUp;
  /** Plain words on a refused code (never the code). */
  error?: string;
  /** Where the page is: the enrolment's factor step (the default) or the signed-in account page. */
  place?: TotpPagePlace;
}

export type TotpPagePlace = 'enrolment' | 'account';

/** What differs between the two places: where the form goes and the ways out of it. */
const PLACES = {
  enrolment: {
    action: '/enroll/totp',
    otherWay: { href: '/enroll/methods', text: 'Choose another way to sign in' },
    next: { text: 'The last step is your password.', href: '/enroll/password', link: 'Choose your password' },
  },
  account: {
    action: '/account/totp',
    otherWay: { href: '/account', text: 'Back to your account' },
    next: {
      text: 'You now sign in with your password and a code from it.',
      href: '/account',
      link: 'Back to your account',
    },
  },
} satisfies Record<TotpPagePlace, unknown>;

const TITLE = 'Set up an authenticator app';

/**
 * GET /enroll/totp (and /account/totp), and the form again after a refused code: the QR code
 * (inline SVG), the key for typing, and the code form. No script.
 */
export function totpPage(options: TotpPageOptions): CustomerPage {
  const status = options.error ? 422 : 200;
  const place = PLACES[options.place ?? 'enrolment'];
  if (!options.setUp) return { status, html: layout(TITLE, alreadySetUp(options.error, place.next)) };
  const body = `<main>
<h1>${TITLE}</h1>
<p>You will sign in with a password and a 6-digit code from an app on your phone, such as Google Authenticator, Microsoft Authenticator or 1Password.</p>
<ol>
<li>In your authenticator app, choose to add an account.</li>
<li>Scan the QR code below, or type the key under it.</li>
<li>Enter the 6-digit code the app then shows.</li>
</ol>
<div class="qr">${options.setUp.qrSvg}</div>
<h2 id="key-heading">Can't scan the code?</h2>
<p>Choose to enter a key in the app, pick "time-based" if it asks, and type this key (spaces do not matter):</p>
<p class="secret" id="totp-key">${escapeHtml(options.setUp.typedSecret)}</p>
<form method="post" action="${place.action}">
${hiddenCsrfField(options.csrfToken)}
${formField({
  id: 'code',
  label: 'Code from the app',
  hint: 'The app shows a new code every 30 seconds. Enter the one it shows now.',
  ...(options.error ? { error: options.error } : {}),
  attributes:
    'type="text" inputmode="numeric" autocomplete="one-time-code" required maxlength="12" spellcheck="false"',
})}
<button type="submit">Check the code</button>
</form>
<p>If you reload this page, it shows a new QR code and key: add that one to the app instead.</p>
<p><a href="${place.otherWay.href}">${place.otherWay.text}</a></p>
</main>`;
  return { status, html: layout(TITLE, body) };
}

function alreadySetUp(error: string | undefined, next: { text: string; href: string; link: string }): string {
  return `<main>
<h1>Your authenticator app is set up</h1>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<p>The app already works with your account. ${next.text}</p>
<p><a href="${next.href}">${next.link}</a></p>
</main>`;
}
