import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config';
import { healthy, startApi } from '../support/api-process';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Starts the built API (with its pages) for the browser tests. Without Debian's chromium the
 * tests are skipped with a warning — except with CI=true, where that fails the run.
 */
export default async function globalSetup(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    const reason = `${CHROMIUM} is missing (apt-get install chromium)`;
    if (process.env.CI === 'true') throw new Error(`browser tests: ${reason}`);
    process.env.BROWSER_TESTS_SKIPPED = reason;
    process.stderr.write(`\n[browser tests] SKIPPED: ${reason}\n`);
    return;
  }
  if (!existsSync(join(PROJECT_ROOT, 'dist', 'web', 'explorer', 'app.js')))
    throw new Error('browser tests: the pages are not built; run npm run build');
  if (!existsSync(join(PROJECT_ROOT, 'examples', 'contagion-path', 'dist', 'app.js')))
    throw new Error('browser tests: the typed client example is not built; run npm run example:build');
  const api = await startApi({
    DATA_DIR: mkdtempSync(join(tmpdir(), 'browser-')),
    PLAYGROUND: 'on',
    EXPLORER: 'on',
    // The review tab's test proposes as a researcher and decides as a reviewer.
    API_TOKENS: 'browser-researcher:researcher:ada,browser-reviewer:reviewer:rosalind',
  });
  await healthy(api);
  (globalThis as { __BROWSER_API__?: unknown }).__BROWSER_API__ = api;
  process.env.BROWSER_BASE_URL = api.base;
}
