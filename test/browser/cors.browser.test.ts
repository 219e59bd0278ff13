import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { healthy, startApi, type ApiProcess } from '../support/api-process';
import { describeInBrowser, launchBrowser } from '../support/browser';
import { freePort } from '../support/free-port';

/** A blank page served from its own origin (localhost, so the API on 127.0.0.1 is another site). */
async function pageServer(): Promise<{ origin: string; server: Server }> {
  const port = await freePort();
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>app</title>'));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { origin: `http://localhost:${port}`, server };
}

const TOKEN = 'browser-cors-token';

describeInBrowser('CORS in Chromium: a page on another site calls the API', () => {
  let api: ApiProcess;
  let browser: Browser;
  let allowed: { origin: string; server: Server };
  let other: { origin: string; server: Server };
  beforeAll(async () => {
    [allowed, other] = await Promise.all([pageServer(), pageServer()]);
    api = await startApi({
      DATA_DIR: mkdtempSync(join(tmpdir(), 'browser-cors-')),
      CORS_ORIGINS: allowed.origin,
      API_TOKENS: `${TOKEN}:admin:grace`,
      LOG_LEVEL: 'warn',
    });
    await healthy(api);
    browser = await launchBrowser();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    api?.child.kill('SIGTERM');
    allowed?.server.close();
    other?.server.close();
  });

  /** Runs fetch() in a page of `origin` and reports what the page could see. */
  async function fetchFrom(origin: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
    const page: Page = await browser.newPage();
    try {
      await page.goto(origin);
      return await page.evaluate(
        async ([url, options]) => {
          try {
            const r = await fetch(url, options);
            return { status: r.status, body: await r.json(), requestId: r.headers.get('x-request-id') };
          } catch (error) {
            return { failed: String(error) };
          }
        },
        [`${api.base}${path}`, init] as const,
      );
    } finally {
      await page.close();
    }
  }

  const query = `/graphql?query=${encodeURIComponent('{ entity(id: "boj-policy-rate") { id } }')}`;
  const write = (id: string) =>
    JSON.stringify({ query: `mutation { upsertEntity(input: { id: "${id}", name: "From a page", kind: OTHER }) { id } }` });

  it('runs a GET query with no content type (urql’s default) from the listed origin, and exposes the request id', async () => {
    const seen = await fetchFrom(allowed.origin, query);
    expect(seen).toMatchObject({ status: 200, body: { data: { entity: { id: 'boj-policy-rate' } } } });
    expect((seen as { requestId: string }).requestId).toBeTruthy();
  });

  it('runs a preflighted JSON POST with a bearer token from the listed origin', async () => {
    const seen = await fetchFrom(allowed.origin, '/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: write('from-listed-page'),
    });
    expect(seen).toMatchObject({ status: 200, body: { data: { upsertEntity: { id: 'from-listed-page' } } } });
  });

  it('gives a page on an unlisted origin nothing: its reads fail in the browser, its writes are never sent', async () => {
    expect(await fetchFrom(other.origin, query)).toMatchObject({ failed: expect.stringMatching(/Failed to fetch/) });
    const seen = await fetchFrom(other.origin, '/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: write('from-other-page'),
    });
    expect(seen).toMatchObject({ failed: expect.stringMatching(/Failed to fetch/) });
    const check = await fetchFrom(allowed.origin, `/graphql?query=${encodeURIComponent('{ entity(id: "from-other-page") { id } }')}`);
    expect(check).toMatchObject({ status: 200, body: { data: { entity: null } } });
  });
});
