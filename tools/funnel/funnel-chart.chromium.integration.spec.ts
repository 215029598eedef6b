import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { funnelSvg } from './print-funnel';
import { sampleFunnel } from './sample-funnel';

const CHROMIUM = '/usr/bin/chromium';

describe('the funnel chart in a real Chromium', () => {
  let browser: Browser;
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'rekey-funnel-'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('opens the SVG file as it is, drawn with its bars and labels and no error', async () => {
    const file = path.join(folder, 'wave.svg');
    await writeFile(file, await funnelSvg(sampleFunnel()));
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });

    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });

    // Strings, since this project compiles without the DOM types.
    expect(await page.evaluate('document.documentElement.namespaceURI')).toBe('http://www.w3.org/2000/svg');
    const labels = (await page.evaluate(
      '[...document.querySelectorAll("text")].map((text) => text.textContent)',
    )) as string[];
    expect(labels).toEqual(
      expect.arrayContaining(['link issued', 'stepped up (optional)', 'legacy revoked (migrated)']),
    );
    // The document has a size and its bars are laid out, not collapsed to nothing.
    const size = (await page.evaluate(
      '(() => { const box = document.documentElement.getBoundingClientRect(); return [box.width, box.height]; })()',
    )) as [number, number];
    expect(size[0]).toBeGreaterThan(400);
    expect(size[1]).toBeGreaterThan(300);
    expect(Number(await page.evaluate('document.querySelectorAll("path").length'))).toBeGreaterThan(10);
    expect((await page.screenshot()).length).toBeGreaterThan(1000);
    expect(problems).toEqual([]);
  }, 60_000);
});
