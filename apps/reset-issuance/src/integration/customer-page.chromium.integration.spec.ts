import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyEnrollmentGrant } from '@rekey/enrollment-grant';
import { chromium, type Browser } from 'playwright-core';
import {
  seedJourney,
  startCustomerJourneyService,
  tokenStatus,
  type CustomerJourneyService,
} from './customer-journey.fixture';

const CHROMIUM = '/usr/bin/chromium';

describe('the reset link page in a real Chromium', () => {
  let journey: CustomerJourneyService;
  let browser: Browser;
  let enrollment: Server;
  const enrollmentRequests: Array<{ url: string; headers: IncomingHttpHeaders }> = [];

  beforeAll(async () => {
    // Stands in for enrollment: records what reached it and answers a plain page.
    enrollment = createServer((request, response) => {
      enrollmentRequests.push({ url: request.url ?? '', headers: request.headers });
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><title>Enrol</title>enrol');
    });
    await new Promise<void>((resolve) => enrollment.listen(0, '127.0.0.1', resolve));
    const enrollmentUrl = `http://127.0.0.1:${(enrollment.address() as AddressInfo).port}`;
    journey = await startCustomerJourneyService('reset_chromium', { ENROLLMENT_URL: enrollmentUrl });
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
    await journey?.stop();
    await new Promise((resolve) => enrollment?.close(resolve));
  });

  it('takes the token out of the address bar, spends it only on Continue, and lands on enrollment with a grant', async () => {
    const seeded = await seedJourney(journey.db);
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));

    await page.goto(`${journey.url}/reset#t=${seeded.token}`, { waitUntil: 'load' });
    expect(page.url()).toBe(`${journey.url}/reset`);
    expect(await page.evaluate('window.location.hash')).toBe('');
    const continueButton = page.getByRole('button', { name: 'Continue' });
    expect(await continueButton.isVisible()).toBe(true);
    expect(await tokenStatus(journey.db, seeded.tokenId)).toBe('live');

    await Promise.all([page.waitForURL(/\/enroll#grant=/), continueButton.click()]);
    const landed = new URL(page.url());
    expect(landed.pathname).toBe('/enroll');
    const jwt = landed.hash.replace('#grant=', '');
    const grant = await verifyEnrollmentGrant(jwt, {
      jwks: new URL(`${journey.url}/.well-known/jwks.json`),
      issuer: 'reset-issuance',
      consumeJti: async () => true,
    });
    expect(grant).toMatchObject({ journeyId: seeded.journeyId, legacyAccountId: seeded.legacyAccountId });
    expect(await tokenStatus(journey.db, seeded.tokenId)).toBe('redeemed');

    // The grant travelled in the fragment: enrollment's server saw neither it nor a Referer.
    const arrival = enrollmentRequests.find((request) => request.url.startsWith('/enroll'))!;
    expect(arrival.url).toBe('/enroll');
    expect(arrival.headers.referer).toBeUndefined();
    expect(problems).toEqual([]);

    // Going back shows the page again without the token: nothing left to resubmit.
    await page.goBack({ waitUntil: 'load' });
    expect(page.url()).toBe(`${journey.url}/reset`);
    expect(await page.getByText('This page needs the link from your message').isVisible()).toBe(true);
    await page.close();
  });

  it('shows the same failure page for a used link, without the token in it', async () => {
    const seeded = await seedJourney(journey.db, { tokenStatus: 'redeemed' });
    const page = await browser.newPage();
    await page.goto(`${journey.url}/reset#t=${seeded.token}`, { waitUntil: 'load' });
    await Promise.all([
      page.waitForURL(`${journey.url}/reset/redeem`),
      page.getByRole('button', { name: 'Continue' }).click(),
    ]);
    expect(await page.getByRole('heading').textContent()).toBe('This link cannot be used');
    expect(await page.content()).not.toContain(seeded.token);
    await page.close();
  });

  it('lets a customer without JavaScript finish with the code from the message', async () => {
    const seeded = await seedJourney(journey.db);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${journey.url}/reset#t=${seeded.token}`, { waitUntil: 'load' });
    // No script reads the fragment: the link's own form stays hidden, the code form is there.
    expect(await page.getByRole('button', { name: 'Continue', exact: true }).count()).toBe(0);
    await page.getByLabel('Code from your message').fill(seeded.code.toLowerCase());
    expect(await tokenStatus(journey.db, seeded.tokenId)).toBe('live');
    await Promise.all([
      page.waitForURL(/\/enroll#grant=/),
      page.getByRole('button', { name: 'Use this code' }).click(),
    ]);
    expect(new URL(page.url()).pathname).toBe('/enroll');
    expect(await tokenStatus(journey.db, seeded.tokenId)).toBe('redeemed');

    // Spent with the link: the code (and the link) cannot be used again.
    await page.goto(`${journey.url}/reset`, { waitUntil: 'load' });
    await page.getByLabel('Code from your message').fill(seeded.code);
    await Promise.all([
      page.waitForURL(`${journey.url}/reset/redeem`),
      page.getByRole('button', { name: 'Use this code' }).click(),
    ]);
    expect(await page.getByRole('heading').textContent()).toBe('This link cannot be used');
    await context.close();
  });
});
