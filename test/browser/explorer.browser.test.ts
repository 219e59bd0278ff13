import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/config';
import { readSeed } from '../../src/storage/seed/read-seed';
import { describeInBrowser, launchBrowser, openPage } from '../support/browser';

const SEED = readSeed(join(PROJECT_ROOT, 'seed'));

async function ready(page: Page): Promise<void> {
  await page.locator('body[data-state="ready"]').waitFor({ timeout: 30_000 });
}

async function chooseShock(page: Page, typed: string, entityId: string): Promise<void> {
  await page.locator('#shock-search').fill(typed);
  await page.locator(`.suggestion[data-entity-id="${entityId}"]`).first().click();
}

describeInBrowser('the contagion explorer at /explorer', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('runs a BOJ hike in three hops and shows the reached entities and the explained paths', async () => {
    const { page, problems, screenshot } = await openPage(browser, '/explorer');
    await chooseShock(page, 'BOJ policy', 'boj-policy-rate');
    await page.locator('#direction').selectOption('UP');
    await page.locator('#hops').fill('3');
    await page.locator('#run').click();
    await ready(page);
    const items = page.locator('#impacts .impact');
    const impacts = await Promise.all(Array.from({ length: await items.count() }, (_, i) => items.nth(i).getAttribute('data-entity-id')));
    expect(impacts).toEqual(expect.arrayContaining(['fed-boj-rate-gap', 'yen-funding-cost', 'usd-jpy', 'ust-10y-yield']));
    const explanations = await page.locator('#paths .path .path-explanation').allTextContents();
    expect(explanations.length).toBeGreaterThan(5);
    expect(explanations[0]).toMatch(/^BOJ policy rate rises → /);
    const nodes = await page.evaluate('window.explorerGraph.nodes().map((n) => n.id())');
    expect(nodes).toEqual(expect.arrayContaining(['boj-policy-rate', 'usd-jpy', 'ust-10y-yield']));
    expect(page.url()).toContain('boj-policy-rate');
    await screenshot('explorer');
    expect(problems).toEqual([]);
  }, 60_000);

  it('finds entities by Chinese aliases in either script', async () => {
    const { page, problems } = await openPage(browser, '/explorer');
    for (const [typed, id] of [
      ['日本銀行', 'bank-of-japan'],
      ['美联储', 'federal-reserve'],
      ['美聯儲', 'federal-reserve'],
      ['常设回购工具', 'standing-repo-facility'],
    ]) {
      await page.locator('#shock-search').fill(typed);
      await page.locator(`.suggestion[data-entity-id="${id}"]`).first().waitFor({ timeout: 10_000 });
    }
    expect(problems).toEqual([]);
  }, 60_000);

  it('shows the quotes behind an edge when it is clicked', async () => {
    const { page, problems, screenshot } = await openPage(browser, '/explorer');
    await chooseShock(page, 'boj-policy-rate', 'boj-policy-rate');
    await page.locator('#run').click();
    await ready(page);
    const edge = SEED.edges.find((e) => e.id === 'boj-tightening-raises-yen-funding-cost')!;
    // Return nothing: evaluate() would otherwise serialise the cytoscape collection that
    // emit() returns back to Node, which takes tens of seconds.
    await page.evaluate(`void window.explorerGraph.$('#${edge.id}').emit('tap')`);
    const quotes = page.locator('#details .evidence-quote');
    await quotes.first().waitFor();
    expect((await quotes.allTextContents()).map((q) => q.trim())).toEqual(edge.evidence.map((ev) => ev.quote));
    await screenshot('explorer-edge');
    expect(problems).toEqual([]);
  }, 60_000);

  it('keeps the query in the URL, so a shared link shows the same view', async () => {
    const first = await openPage(browser, '/explorer');
    await first.page.locator('#scenario').selectOption('srf-stealth-qe');
    await first.page.locator('#run').click();
    await ready(first.page);
    const shared = first.page.url();
    expect(shared).toContain('srf-stealth-qe');
    const paths = await first.page.locator('#paths .path').count();
    const second = await openPage(browser, new URL(shared).pathname + new URL(shared).search);
    await ready(second.page);
    expect(await second.page.locator('#paths .path').count()).toBe(paths);
    expect([...first.problems, ...second.problems]).toEqual([]);
  }, 60_000);
});
