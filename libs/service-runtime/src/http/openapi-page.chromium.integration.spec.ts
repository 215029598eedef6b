import type { INestApplication } from '@nestjs/common';
import { chromium, type Browser } from 'playwright-core';
import { startOpenApiApplication } from './openapi.fixture';

const CHROMIUM = '/usr/bin/chromium';

describe('the OpenAPI page in a real Chromium', () => {
  let app: INestApplication;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    ({ app, url } = await startOpenApiApplication(true));
    browser = await chromium.launch({
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
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('renders the API under its Content-Security-Policy without a single violation', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    const problems: string[] = [];
    await page.exposeFunction('reportViolation', (violation: string) => violations.push(violation));
    // Runs in the page before its own scripts; a string, since this project compiles without the DOM types.
    await page.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', (event) =>
        window.reportViolation(event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline')));`,
    });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    const offOrigin: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(url) && !request.url().startsWith('data:')) offOrigin.push(request.url());
    });

    const response = await page.goto(`${url}/docs`, { waitUntil: 'load' });
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");

    await page.getByText('Rekey example').first().waitFor({ timeout: 15_000 });
    await page.getByText('Waves, newest first').waitFor({ timeout: 15_000 });
    // Opening an operation exercises the rest of the bundle: its styles, icons and templates.
    await page.getByText('Waves, newest first').click();
    await page.getByRole('button', { name: 'Try it out' }).waitFor({ timeout: 15_000 });

    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
    expect(offOrigin).toEqual([]);
    await page.close();
  }, 60_000);
});
