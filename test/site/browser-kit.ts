/// <reference lib="dom" />
/**
 * The built site served by the API on a real port and opened in Debian Chromium through
 * playwright-core, for the browser test files: `useSiteBrowser()` registers the beforeAll /
 * afterAll that start and stop the server and the browser, and returns the handles the tests use.
 */
import { type CandorYoga, createLogger, listen, type RunningServer } from '@candor/api';
import type { Database } from '@candor/schema';
import { type Browser, type BrowserContextOptions, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type ExpectedSite, expectedSite, openSiteApi, PAGE_TYPES } from './site-files.js';

/** Tests that visit every page type in one browser page (axe, screenshots): minutes on a loaded machine. */
export const SLOW_BROWSER_TEST_MS = 240_000;

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const NOT_FOUND_PATH = PAGE_TYPES.find((page) => page.type === 'not-found')?.path ?? '/no-such-page/';

export interface SiteBrowser {
  /** The API and its database the site was built from (the source of expected answers). */
  readonly api: { database: Database; yoga: CandorYoga };
  /** What the sample organisation's site must contain. */
  readonly expected: ExpectedSite;
  /** The server's origin, e.g. http://127.0.0.1:41234 (no trailing slash). */
  readonly base: string;
  readonly browser: Browser;
  /** A fresh context and page; everything that goes wrong on it (errors, failed requests) is collected. */
  openPage(options?: BrowserContextOptions): Promise<{ page: Page; problems: string[] }>;
  /** A GraphQL query to the API partners use, on the same server. */
  query<T>(source: string): Promise<T>;
}

/** Starts the server and the browser before the file's tests and stops them after. */
export function useSiteBrowser(): SiteBrowser {
  let api: SiteBrowser['api'] | undefined;
  let expected: ExpectedSite | undefined;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    api = await openSiteApi();
    expected = await expectedSite(api);
    server = await listen(api.yoga, { host: '127.0.0.1', port: 0, graceSeconds: 5, logger: createLogger('silent') });
    // launch() gives the browser a fresh temporary profile (user data dir), removed on close.
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await api?.database.close();
  });

  const started = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`${name} is used before the site browser started (call it inside a test)`);
    return value;
  };

  const handles: SiteBrowser = {
    get api() {
      return started(api, 'api');
    },
    get expected() {
      return started(expected, 'expected');
    },
    get base() {
      return started(server, 'server').url;
    },
    get browser() {
      return started(browser, 'browser');
    },
    async openPage(options = {}) {
      const context = await handles.browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const problems: string[] = [];
      const expected404 = (url: string) => new URL(url).pathname === NOT_FOUND_PATH;
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' && !expected404(message.location().url || page.url())) {
          problems.push(`console error: ${message.text()}`);
        }
      });
      page.on('requestfailed', (request) => {
        const error = request.failure()?.errorText;
        // Chromium asks for the favicon after load; going on to the next page at once cancels it.
        if (error === 'net::ERR_ABORTED' && new URL(request.url()).pathname === '/favicon.svg') return;
        problems.push(`request failed: ${request.resourceType()} ${request.url()} ${error}`);
      });
      page.on('response', (response) => {
        if (response.status() >= 400 && !expected404(response.url()))
          problems.push(`${response.status()} ${response.url()}`);
      });
      return { page, problems };
    },
    async query<T>(source: string): Promise<T> {
      const response = await fetch(`${handles.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: source }),
      });
      const result = (await response.json()) as { data?: T; errors?: unknown[] };
      if (result.errors !== undefined || result.data === undefined) throw new Error(JSON.stringify(result.errors));
      return result.data;
    },
  };
  return handles;
}

/** The text a reader sees: Playwright's rendered text, without what CSS hides. */
// biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point (Playwright's API, not the DOM property)
export const seen = (locator: Locator): Promise<string> => locator.innerText();

export async function closePage(page: Page): Promise<void> {
  await page.context().close();
}
