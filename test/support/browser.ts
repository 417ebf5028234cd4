/**
 * Real-browser tests: a real Chartfax (HTTP server, demo clinic, built web UI) on a random port of
 * 127.0.0.1 with its own database, driven by Debian's Chromium through playwright-core. One per test
 * file; everything is closed in `after()`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServer } from 'node:net';
import { after } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startChartfax, DEMO_PASSWORD, type Chartfax } from '../../src/composition';
import { loadConfig } from '../../src/config';
import { createTestDatabase, type TestDatabase } from './database';

/** Debian's Chromium (`apt-get install -y chromium`). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where the tests save screenshots of the main screens, for the README and for reviewing the look. */
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '..', '..', 'docs', 'screenshots');

/** A desktop-sized window; screenshots are taken at this size. */
export const VIEWPORT = { width: 1280, height: 800 };

export const demoEmail = (who: 'owner' | 'admin' | 'frontdesk' | 'practitioner' | 'limited') => `${who}@demo.chartfax.test`;

export interface BrowserHarness {
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  chartfax: Chartfax;
  /** The test's own database, for looking up what the screens should show. */
  database: TestDatabase;
  browser: Browser;
  /** A page in a fresh browser context (no cookies), so each test signs in on its own. */
  newPage(): Promise<Page>;
}

export interface BrowserHarnessOptions {
  /**
   * Listen on a port chosen up front and use that address as CHARTFAX_PUBLIC_URL, so webhook
   * addresses Chartfax hands to a provider (emulator) reach this very server.
   */
  publicUrlIsSelf?: boolean;
}

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Start Chartfax with the demo clinic on a fresh database and launch Chromium. Cleanup is registered
 * before the database's, so the server and browser close before the database is dropped. Call it at
 * the top level of a test file: after() registered inside a before() hook runs when that hook ends.
 */
export async function startBrowserHarness(options: BrowserHarnessOptions = {}): Promise<BrowserHarness> {
  let chartfax: Chartfax | null = null;
  let browser: Browser | null = null;
  const contexts: BrowserContext[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartfax-browser-'));
  after(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await chartfax?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}: run apt-get install -y chromium.`);
  const database = await createTestDatabase({ poolSize: 2 });
  const port = options.publicUrlIsSelf ? await freePort() : 0;
  chartfax = await startChartfax(
    loadConfig({
      DATABASE_URL: database.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      ...(options.publicUrlIsSelf ? { CHARTFAX_PUBLIC_URL: `http://127.0.0.1:${port}` } : {}),
      CHARTFAX_DEMO: 'true',
      LOG_LEVEL: 'silent',
      CHARTFAX_DATA_DIR: dataDir,
    }),
    { http: true },
  );
  if (!chartfax.url) throw new Error('Chartfax did not start its HTTP server.');
  const baseUrl = chartfax.url.replace('localhost', '127.0.0.1');
  const index = await fetch(`${baseUrl}/`);
  if (!(index.headers.get('content-type') ?? '').includes('text/html')) {
    throw new Error('Chartfax is not serving the web UI: build it first (npm test and npm run build do).');
  }

  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const launched = browser;
  return {
    baseUrl,
    chartfax,
    database,
    browser: launched,
    async newPage() {
      const context = await launched.newContext({ baseURL: baseUrl, viewport: VIEWPORT, locale: 'en-CA', timezoneId: 'UTC' });
      contexts.push(context);
      context.setDefaultTimeout(15_000);
      return context.newPage();
    },
  };
}

/** Fill in and submit the sign-in form (the page must show it). */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * Save a screenshot as docs/screenshots/<name>.png: the window, or the whole page with `fullPage`.
 * The pointer is moved away first so no hover highlight ends up in the picture.
 */
export async function saveScreenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.mouse.move(0, VIEWPORT.height - 1);
  // Let fonts settle so the image does not depend on how fast they loaded.
  await page.evaluate('document.fonts.ready.then(() => true)');
  await page.screenshot({
    path: path.join(SCREENSHOT_DIR, `${name}.png`),
    fullPage: options.fullPage ?? false,
    animations: 'disabled',
    caret: 'hide',
  });
}
