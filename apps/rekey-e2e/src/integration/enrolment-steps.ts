import type { Page } from 'playwright-core';
import { auditPage, tabbableControls, tabOrder, tabTo, type AxeViolation } from './customer-browser';
import { enrollmentOrigin } from './enrolment-platform';

/** How the customer moves through the pages: pointer clicks, or the keyboard alone. */
export type Input = 'pointer' | 'keyboard';

/** Pages audited on the way, by screenshot name, with what axe found on each. */
export type Audits = Map<string, AxeViolation[]>;

export async function audit(page: Page, name: string, audits: Audits): Promise<void> {
  audits.set(name, await auditPage(page, name));
}

// The control that leaves the recovery codes page for the done page, whatever its exact words.
const LEAVE_RECOVERY_CODES = /continue|saved|done|next|finish/i;

/** The pages of the passkey journey on enrollment, after the methods page. */
export type EnrolmentStep = 'methods' | 'passkey' | 'recovery-codes' | 'done';

/**
 * From the methods page to the done page with the passkey: the passkey page's one button runs
 * the registration, then the proving sign-in, with the tab's virtual authenticator; the customer
 * may be shown recovery codes on the way, and leaves that page by its own control. `onPage` is
 * called on each page as it is reached (to audit it, or to check its tab order).
 */
export async function enrolPasskey(
  page: Page,
  input: Input,
  onPage: (step: EnrolmentStep) => Promise<void> = async () => undefined,
): Promise<void> {
  await onPage('methods');
  const passkeyPage = page.waitForURL(`${enrollmentOrigin}/enroll/passkey`);
  if (input === 'pointer') {
    await page.getByRole('link', { name: 'Set up a passkey' }).click();
  } else {
    await tabTo(page, 'a: Set up a passkey');
    await page.keyboard.press('Enter');
  }
  await passkeyPage;
  await onPage('passkey');

  const finished = page.waitForURL(/\/enroll\/(done|recovery-codes)$/, { timeout: 60_000 });
  if (input === 'pointer') {
    await page.getByRole('button', { name: 'Create a passkey' }).click();
  } else {
    await tabTo(page, 'button: Create a passkey');
    await page.keyboard.press('Space');
  }
  await finished;

  if (new URL(page.url()).pathname === '/enroll/recovery-codes') {
    await onPage('recovery-codes');
    const done = page.waitForURL(`${enrollmentOrigin}/enroll/done`);
    if (input === 'pointer') await leaveRecoveryCodesByPointer(page);
    else await leaveRecoveryCodesByKeyboard(page);
    await done;
  }
  await onPage('done');
}

/** Audits each page of the passkey journey under a name of its own. */
export function auditEach(page: Page, audits: Audits) {
  const names: Record<EnrolmentStep, string> = {
    methods: '06-enrollment-methods',
    passkey: '07-enrollment-passkey',
    'recovery-codes': '08-enrollment-recovery-codes',
    done: '08-enrollment-done',
  };
  return (step: EnrolmentStep) => audit(page, names[step], audits);
}

export async function leaveRecoveryCodesByPointer(page: Page): Promise<void> {
  for (const box of await page.getByRole('checkbox').all()) await box.check();
  await page
    .getByRole('button', { name: LEAVE_RECOVERY_CODES })
    .or(page.getByRole('link', { name: LEAVE_RECOVERY_CODES }))
    .first()
    .click();
}

async function leaveRecoveryCodesByKeyboard(page: Page): Promise<void> {
  for (const control of await tabbableControls(page)) {
    await tabTo(page, control);
    const kind = (await page.evaluate('document.activeElement.type || ""')) as string;
    if (kind === 'checkbox') await page.keyboard.press('Space');
    else if (LEAVE_RECOVERY_CODES.test(control) && !control.startsWith('input')) {
      await page.keyboard.press('Enter');
      return;
    }
  }
  throw new Error(`nothing on ${page.url()} leads on: ${await tabbableControls(page)}`);
}

/**
 * Tabs round the page: the focus must visit every control shown, each once, in the order they
 * are read (document order), and show where it is (a visible outline). Answers that order.
 */
export async function expectSensibleTabOrder(page: Page): Promise<string[]> {
  const order = await tabOrder(page);
  expect(order).toEqual(await tabbableControls(page));
  if (order.length > 0) expect(await focusIsVisible(page)).toBe(true);
  return order;
}

function focusIsVisible(page: Page): Promise<boolean> {
  return page.evaluate(`(() => {
    var element = document.activeElement;
    var style = getComputedStyle(element);
    return element.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  })()`) as Promise<boolean>;
}
