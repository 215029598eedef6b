import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { root } from './platform';

const CHROMIUM = '/usr/bin/chromium';

/** One PNG per customer page, for a person to look at: git-ignored (dist/), never committed. */
export const screenshotDir = path.join(root, 'dist/artifacts/screenshots');

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A customer's tab: its own context (cookie jar), and a record of what went wrong in it: console
 * errors, uncaught exceptions, and every Content-Security-Policy violation a page reported.
 */
export interface CustomerTab {
  page: Page;
  problems: string[];
  close(): Promise<void>;
}

export async function openCustomerTab(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<CustomerTab> {
  const context = await browser.newContext({ viewport: { width: 800, height: 900 }, ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    // Chromium logs every 4xx document; refusal pages are answered 400, 401 or 403 on purpose,
    // and a form sent back with what to change (a wrong code, a refused password) 422.
    const refusalPage = /^Failed to load resource: .* status of (40[013]|422) /.test(message.text());
    if (message.type() === 'error' && !refusalPage) problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  if (options.javaScriptEnabled !== false) {
    await page.exposeFunction('reportViolation', (violation: string) => problems.push(`csp: ${violation}`));
    // A string: this project compiles without the DOM types.
    await page.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', (event) =>
        window.reportViolation(event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline')));`,
    });
  }
  return { page, problems, close: () => context.close() };
}

/**
 * A passkey provider built into the device, as the DevTools WebAuthn domain emulates it: CTAP2,
 * resident keys, user verification that always succeeds, presence confirmed without a prompt.
 * It belongs to the tab, so every origin the tab navigates to sees it.
 */
export async function addVirtualAuthenticator(page: Page) {
  const session = await page.context().newCDPSession(page);
  await session.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await session.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      ctap2Version: 'ctap2_1',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    credentials: async () => (await session.send('WebAuthn.getCredentials', { authenticatorId })).credentials,
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core on the page as it is now and saves its screenshot as `<name>.png`. axe is
 * evaluated through DevTools (Runtime.evaluate, which page CSPs do not govern): the page keeps
 * its own Content-Security-Policy, nonces and headers untouched, with no bypass, so what is
 * measured is the page as customers get it. Resolves with the violations, none expected.
 */
export async function auditPage(page: Page, name: string): Promise<AxeViolation[]> {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(axeSource);
  const violations =
    (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((results) => {
    // A run that checked nothing (no rule passed) would answer an empty list too: refuse it.
    if (results.passes.length === 0) throw new Error('axe checked nothing');
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  })`)) as AxeViolation[];
  return violations.map((violation) => ({ ...violation, help: `${name}: ${violation.help}` }));
}

// How a control presents itself to someone tabbing: its role and accessible name, roughly.
const describeElement = `function describe(element) {
  if (!element || element === document.body || element === document.documentElement) return 'nothing';
  var tag = element.tagName.toLowerCase();
  var label = element.labels && element.labels[0] ? element.labels[0].textContent : '';
  var name = element.getAttribute('aria-label') || label || element.textContent || element.value || '';
  return tag + ': ' + name.replace(/\\s+/g, ' ').trim();
}`;

/** The controls a keyboard user can reach, in document order, shown and enabled. */
export async function tabbableControls(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => { ${describeElement}
    var selector = 'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]';
    return Array.from(document.querySelectorAll(selector))
      .filter((element) => !element.disabled && element.tabIndex >= 0 && element.checkVisibility())
      .map(describe);
  })()`)) as string[];
}

/** What has the keyboard focus now. */
export async function focused(page: Page): Promise<string> {
  return (await page.evaluate(
    `(() => { ${describeElement} return describe(document.activeElement); })()`,
  )) as string;
}

/**
 * Presses Tab from wherever the focus is until it comes back round, and answers the controls it
 * landed on, in order. On a page with nothing to reach, the focus never leaves the page: [].
 */
export async function tabOrder(page: Page): Promise<string[]> {
  const visited: string[] = [];
  const limit = (await tabbableControls(page)).length + 2;
  for (let step = 0; step < limit; step++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (now === 'nothing') continue;
    if (visited[0] === now) break;
    visited.push(now);
  }
  return visited;
}

/** Tabs forward to the control described as `control` (see tabOrder), failing if it never comes. */
export async function tabTo(page: Page, control: string): Promise<void> {
  const limit = (await tabbableControls(page)).length + 2;
  for (let step = 0; step < limit; step++) {
    await page.keyboard.press('Tab');
    if ((await focused(page)) === control) return;
  }
  throw new Error(
    `Tab never reached "${control}" on ${page.url()}; reachable: ${await tabbableControls(page)}`,
  );
}
