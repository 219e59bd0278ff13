import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/config';

export const BASE_URL = process.env.BROWSER_BASE_URL;
export const ARTIFACTS = join(PROJECT_ROOT, 'test', 'artifacts');

/** `describe` when Chromium and the API are up (test/browser/global-setup.ts), else skipped with the reason. */
export const describeInBrowser: jest.Describe = BASE_URL
  ? describe
  : (((name: string, fn: () => void) => describe.skip(`${name} (skipped: ${process.env.BROWSER_TESTS_SKIPPED})`, fn)) as jest.Describe);

/** Debian's chromium, headless, with nothing reaching out to the network on its own. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

export interface WatchedPage {
  readonly page: Page;
  /** Requests that failed or answered 4xx/5xx, any request that left localhost, and anything the page's CSP refused. */
  readonly problems: string[];
  screenshot: (name: string) => Promise<string>;
}

export async function openPage(
  browser: Browser,
  path: string,
  viewport: { width: number; height: number } = { width: 1280, height: 800 },
): Promise<WatchedPage> {
  const page = await browser.newPage({ viewport });
  const problems: string[] = [];
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
  });
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && !['data:', 'blob:'].includes(url.protocol))
      problems.push(`left localhost: ${r.url()}`);
  });
  await page.goto(`${BASE_URL}${path}`);
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    page,
    problems,
    async screenshot(name) {
      const file = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
  };
}
