import { escapeHtml, layout, type CustomerPage } from '@rekey/customer-web';

const TITLE = 'Save your recovery codes';

/** The set just made, shown this once; a reload makes a new set and these stop working. */
/** `continueTo`: the done page after enrolment, the account page after a sign-in. */
export function recoveryCodesPage(codes: readonly string[], continueTo = '/enroll/done'): CustomerPage {
  const body = `<main>
<h1>${TITLE}</h1>
<p>If you ever lose your phone or your device, each of these codes lets you sign in once. Nobody else can see them: we keep only a scrambled copy, so we cannot show them to you again.</p>
<ul class="codes" aria-label="Your recovery codes">
${codes.map((code) => `<li>${escapeHtml(code)}</li>`).join('\n')}
</ul>
<h2>How to keep them</h2>
<ul>
<li>Print them, or write them down, and keep them somewhere safe, away from your devices.</li>
<li>Or save them in a password manager.</li>
<li>Do not send them by email or message, and never tell them to anyone, including our support staff.</li>
<li>Each code works once. Cross it out when you have used it.</li>
</ul>
<p>If you reload this page, you get a new set and the codes above stop working at once.</p>
<p><a href="${escapeHtml(continueTo)}">Continue</a></p>
</main>`;
  return { status: 200, html: layout(TITLE, body) };
}
