import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { enrollmentOrigin } from './enrolment-platform';

/**
 * The customer's steps on enrollment's authenticator-app and password pages, as a person does
 * them in the browser: reading the key the page shows, typing what an authenticator app would
 * show, and reading a refusal where a screen reader finds it.
 */

/** From the methods page, follows the link of one method and waits for its page. */
export async function chooseMethod(page: Page, link: string, path: string): Promise<void> {
  await Promise.all([
    page.waitForURL(`${enrollmentOrigin}${path}`),
    page.getByRole('link', { name: link }).click(),
  ]);
}

/**
 * What an authenticator app does with the key shown as text ("spaces do not matter"): the
 * standard RFC 6238 parameters every app uses, computed here, independently of the service.
 */
export function authenticatorAppFor(typedKey: string): TOTP {
  return new TOTP({
    secret: Secret.fromBase32(typedKey.replace(/\s+/g, '')),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  });
}

/** The key the TOTP page shows for typing into an app. */
export async function typedTotpKey(page: Page): Promise<string> {
  const key = (await page.locator('#totp-key').textContent())?.trim();
  if (!key || !/^[A-Z2-7 ]+$/.test(key)) throw new Error(`the TOTP page shows no key: ${key}`);
  return key;
}

/**
 * A 6-digit code the app shows at no moment near now (not the code of the step before, now or
 * after, which the service accepts for clock drift): a code that must be refused.
 */
export function aWrongCode(app: TOTP): string {
  const now = Date.now();
  const accepted = [-1, 0, 1].map((steps) => app.generate({ timestamp: now + steps * 30_000 }));
  let code = accepted[1]!;
  while (accepted.includes(code)) code = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
  return code;
}

/** Types `value` into the field labelled `label` and presses the form's button. */
export async function submitField(page: Page, label: string, value: string, button: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole('button', { name: button }).click();
}

/**
 * The field in error as assistive technology meets it: marked invalid, described by the error
 * text (first) and its hint, and holding the focus. Answers that error text.
 */
export async function fieldError(
  page: Page,
  fieldId: string,
): Promise<{ text: string; invalid: boolean; focused: boolean; value: string }> {
  return (await page.evaluate(`(() => {
    var field = document.getElementById(${JSON.stringify(fieldId)});
    var first = (field.getAttribute('aria-describedby') || '').split(' ')[0];
    var error = first ? document.getElementById(first) : null;
    return {
      text: error && error.classList.contains('error') ? error.textContent : '',
      invalid: field.getAttribute('aria-invalid') === 'true',
      focused: document.activeElement === field,
      value: field.value,
    };
  })()`)) as { text: string; invalid: boolean; focused: boolean; value: string };
}

/** A later visit: the sign-in page's password form, then the account page. */
export async function signInWithPassword(
  page: Page,
  fields: { account: string; password: string; code?: string },
): Promise<void> {
  await page.goto(`${enrollmentOrigin}/sign-in`);
  await page.getByLabel('Account id', { exact: true }).fill(fields.account);
  await page.getByLabel('Password', { exact: true }).fill(fields.password);
  if (fields.code)
    await page.getByLabel('Code from your authenticator app', { exact: true }).fill(fields.code);
  await Promise.all([
    page.waitForURL(`${enrollmentOrigin}/account`),
    page.getByRole('button', { name: 'Sign in', exact: true }).click(),
  ]);
}
