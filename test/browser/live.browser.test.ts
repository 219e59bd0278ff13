import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { graphql, healthy, startApi, type ApiProcess } from '../support/api-process';
import { ARTIFACTS, describeInBrowser, launchBrowser } from '../support/browser';

const TOKEN = 'browser-live-admin-token';
const ADD = `mutation($input: CausalEdgeInput!) { addEdge(input: $input) { id } }`;

/** The explorer and the playground follow the API's graphChanged subscription. */
describeInBrowser('live updates in the browser pages', () => {
  let browser: Browser;
  let api: ApiProcess;
  beforeAll(async () => {
    // An API of its own, with a token to write through.
    api = await startApi({
      DATA_DIR: mkdtempSync(join(tmpdir(), 'browser-live-')),
      API_TOKENS: `${TOKEN}:admin`,
      RATE_LIMIT_PER_MINUTE: '0',
    });
    await healthy(api);
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    api?.child.kill('SIGKILL');
  });

  async function open(path: string): Promise<{ page: Page; console: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const console: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') console.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => console.push(`pageerror: ${e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 400) console.push(`${r.status()}: ${r.url()}`);
    });
    await page.goto(`${api.base}${path}`);
    return { page, console };
  }

  it('the explorer marks its answer stale when a write is accepted, and Run again shows the new edge', async () => {
    const { page, console } = await open('/explorer?shock=boj-policy-rate&dir=UP&hops=2&min=0.05');
    await page.locator('body[data-state="ready"][data-live="on"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('#notices .notice').count()).toBe(0);
    const drawnBefore = await page.evaluate<string[]>(`window.explorerGraph.edges().map((e) => e.id())`);

    const added = await graphql(
      api.base,
      ADD,
      {
        input: {
          from: 'boj-policy-rate',
          to: 'gold',
          polarity: 'NEGATIVE',
          weight: 0.9,
          confidence: 0.9,
          mechanism: 'A test claim: a BOJ hike lowers gold.',
          evidence: [{ sourceId: 'hayes-2025-ski-cut', quote: 'a test quote' }],
        },
      },
      TOKEN,
    );
    const edgeId = added.data.addEdge.id as string;
    expect(drawnBefore).not.toContain(edgeId);

    const notice = page.locator('#notices .notice.stale');
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.textContent()).toContain(`edge added: ${edgeId}`);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-stale.png') });

    await notice.getByRole('button', { name: 'Run again' }).click();
    // Polled with page.evaluate: waitForFunction's string predicate is an eval the page's CSP refuses.
    const drawn = () => page.evaluate(`window.explorerGraph.getElementById(${JSON.stringify(edgeId)}).length === 1`);
    for (const deadline = Date.now() + 30_000; !(await drawn()); await page.waitForTimeout(100)) {
      if (Date.now() > deadline) throw new Error(`edge ${edgeId} is not drawn 30 s after Run again`);
    }
    await page.locator('body[data-state="ready"]').waitFor();
    expect(await page.locator('#notices .notice').count()).toBe(0);
    expect(console).toEqual([]);
    await page.close();
  }, 90_000);

  it('the playground runs a subscription over WebSocket and shows each change', async () => {
    const { page, console } = await open('/graphql');
    await page.waitForSelector('.graphiql-container');
    await page.locator('.graphiql-tab', { hasText: 'GraphChanged' }).click();
    await page.locator('.graphiql-execute-button').click();
    // The subscription runs once the server counts it (a connection alone may not have subscribed yet).
    await expectLive(api, 1);
    await graphql(
      api.base,
      'mutation { upsertEntity(input: { id: "playground-live", name: "Playground live", kind: OTHER }) { id } }',
      {},
      TOKEN,
    );
    await page.locator('.result-window', { hasText: 'ENTITY_UPSERTED' }).waitFor({ timeout: 15_000 });
    expect(await page.locator('.result-window').textContent()).toContain('playground-live');
    await page.screenshot({ path: join(ARTIFACTS, 'playground-subscription.png') });
    expect(console).toEqual([]);
    await page.close();
  }, 60_000);
});

async function expectLive(api: ApiProcess, atLeast: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const { liveSubscriptions } = (await (await fetch(`${api.base}/health`)).json()) as { liveSubscriptions: number };
    if (liveSubscriptions >= atLeast) return;
    if (Date.now() > deadline) throw new Error(`fewer than ${atLeast} running subscriptions`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
