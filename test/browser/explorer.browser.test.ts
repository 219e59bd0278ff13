import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/config';
import { readSeed } from '../../src/storage/seed/read-seed';
import { describeInBrowser, launchBrowser, openPage } from '../support/browser';

const SEED = readSeed(join(PROJECT_ROOT, 'seed'));

async function ready(page: Page): Promise<void> {
  await page.locator('body[data-state="ready"]').waitFor({ timeout: 30_000 });
}

/** Ready with the answer to a query whose URL contains `part` (data-answer is its query string). */
async function answered(page: Page, part: string): Promise<void> {
  await page.locator(`body[data-state="ready"][data-answer*="${part}"]`).waitFor({ timeout: 30_000 });
}

/** Drawn entities, other than the shocks, that no drawn edge touches. */
function isolated(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(
    `window.explorerGraph.nodes().filter((n) => !n.hasClass('shock') && n.connectedEdges().length === 0).map((n) => n.id())`,
  );
}

async function downloaded(page: Page, button: string): Promise<{ name: string; content: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(button).click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), content: readFileSync(path) };
}

const BOJ = '/explorer?shock=boj-policy-rate&dir=UP&hops=3&min=0.05';

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
      ['日銀', 'bank-of-japan'],
      ['日本銀行', 'japanese-commercial-banks'],
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

  it('marks the edges of a disagreement (same entities, both polarities) and names the opposite edge in the details', async () => {
    // The seed's disagreements, worked out from the seed itself: pairs with edges of both polarities.
    const pairs = new Map<string, typeof SEED.edges>();
    for (const edge of SEED.edges) pairs.set(`${edge.fromId} ${edge.toId}`, [...(pairs.get(`${edge.fromId} ${edge.toId}`) ?? []), edge]);
    const disagreeing = [...pairs.values()].filter((group) => new Set(group.map((e) => e.polarity)).size === 2);
    expect(disagreeing.length).toBeGreaterThan(0);
    const group = disagreeing[0];
    const from = group[0].fromId;
    const { page, problems, screenshot } = await openPage(browser, `/explorer?shock=${from}&dir=UP&hops=1&min=0.01`);
    await answered(page, `shock=${from}`);
    await page.locator(`body[data-disagreements="${disagreeing.length}"]`).waitFor({ timeout: 30_000 });
    const drawn = await page.evaluate<{ id: string; marked: boolean; lineStyle: string; opposites: string[] | null }[]>(
      `window.explorerGraph.edges().map((e) => ({ id: e.id(), marked: e.hasClass('disagreement'), lineStyle: e.style('line-style'), opposites: e.data('opposites') ?? null }))`,
    );
    // Every disagreement out of that entity is drawn in one hop.
    const out = disagreeing.filter((g) => g[0].fromId === from);
    const ids = new Set(out.flat().map((e) => e.id));
    const marked = drawn.filter((e) => e.marked);
    // They, and only they, are marked (dashed).
    expect(marked.map((e) => e.id).sort()).toEqual([...ids].sort());
    for (const edge of marked) {
      expect(edge.lineStyle).toBe('dashed');
      const own = out.flat().find((e) => e.id === edge.id)!;
      expect([...(edge.opposites ?? [])].sort()).toEqual(
        out
          .find((g) => g.includes(own))!
          .filter((e) => e.polarity !== own.polarity)
          .map((e) => e.id)
          .sort(),
      );
    }
    // An edge in no disagreement carries no mark.
    const plain = drawn.find((e) => !ids.has(e.id));
    expect(plain?.marked).toBe(false);
    expect(plain?.opposites).toBeNull();

    const [first] = group;
    const opposite = group.find((e) => e.polarity !== first.polarity)!;
    await page.evaluate(`void window.explorerGraph.$('#${first.id}').emit('tap')`);
    const note = page.locator('#details .disagreement-note');
    await note.waitFor();
    expect(await note.textContent()).toContain(`${opposite.id} (${opposite.polarity})`);
    await screenshot('explorer-disagreement');
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

  it('draws every reached entity with the edges that reach it, and draws as many paths as asked', async () => {
    const { page, problems } = await openPage(browser, '/explorer?shock=boj-policy-rate&dir=UP&hops=6&min=0.05&paths=25');
    await answered(page, 'paths=25');
    expect(await page.locator('#paths .path').count()).toBe(25);
    const impacts = await page.locator('#impacts .impact').count();
    expect(impacts).toBeGreaterThan(40);
    // Far more entities are reached than the 25 paths touch: each is drawn with its strongest path.
    expect(await page.evaluate('window.explorerGraph.nodes().length')).toBe(impacts + 1);
    expect(await page.evaluate('window.explorerGraph.nodes(".connected").length')).toBeGreaterThan(0);
    expect(await isolated(page)).toEqual([]);
    expect(await page.locator('#impacts .impact[data-drawn="false"]').count()).toBe(0);

    await page.locator('#top-paths').selectOption('250');
    await answered(page, 'paths=250');
    expect(page.url()).toContain('paths=250');
    expect(await page.locator('#paths .path').count()).toBe(250);
    expect(await isolated(page)).toEqual([]);

    // A counterfactual's cut paths are drawn greyed and whole: no ghost stands alone either.
    await page.goto(`${new URL(page.url()).origin}/explorer?shock=boj-policy-rate&dir=UP&hops=5&min=0.01&disable=fima-repo-facility`);
    await answered(page, 'disable=fima-repo-facility');
    expect(await page.locator('#comparison-tab').getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate('window.explorerGraph.nodes(".ghost").length')).toBeGreaterThan(0);
    expect(await isolated(page)).toEqual([]);
    expect(problems).toEqual([]);
  }, 90_000);

  it('makes each run a history entry: back and forward show the earlier answers again', async () => {
    const { page, problems } = await openPage(browser, '/explorer');
    await chooseShock(page, 'BOJ policy', 'boj-policy-rate');
    await page.locator('#run').click();
    await answered(page, 'shock=boj-policy-rate');
    await page.locator('#scenario').selectOption('srf-stealth-qe');
    await page.locator('#run').click();
    await answered(page, 'scenario=srf-stealth-qe');
    const scenarioPaths = await page.locator('#paths .path').count();

    await page.goBack();
    await answered(page, 'shock=boj-policy-rate');
    expect(page.url()).toContain('shock=boj-policy-rate');
    expect(await page.locator('#shock-search').inputValue()).toBe('BOJ policy rate');
    expect(await page.locator('#scenario').inputValue()).toBe('');
    expect(await page.evaluate('window.explorerGraph.$("#boj-policy-rate").hasClass("shock")')).toBe(true);

    await page.goForward();
    await answered(page, 'scenario=srf-stealth-qe');
    expect(await page.locator('#scenario').inputValue()).toBe('srf-stealth-qe');
    expect(await page.locator('#paths .path').count()).toBe(scenarioPaths);

    // Back past the first run: the start screen, nothing drawn.
    await page.goBack();
    await answered(page, 'shock=boj-policy-rate');
    await page.goBack();
    await page.locator('body[data-state="idle"]').waitFor();
    expect(new URL(page.url()).search).toBe('');
    expect(await page.evaluate('window.explorerGraph.nodes().length')).toBe(0);
    await page.locator('#details .examples').waitFor();
    expect(problems).toEqual([]);
  }, 90_000);

  it('exports the drawing as PNG and SVG and the answer as CSV and JSON, without a request', async () => {
    const { page, problems } = await openPage(browser, BOJ);
    await ready(page);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const impacts = await page.locator('#impacts .impact').count();
    const paths = await page.locator('#paths .path').count();

    const png = await downloaded(page, '#export-png');
    expect(png.name).toBe('boj-policy-rate-up-3-hops.png');
    expect(png.content.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

    const svg = await downloaded(page, '#export-svg');
    const svgText = svg.content.toString('utf8');
    expect(svg.name).toBe('boj-policy-rate-up-3-hops.svg');
    expect(svgText).toMatch(/<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svgText).toContain('BOJ policy rate ▲');
    expect((svgText.match(/<ellipse /g) ?? []).length).toBe(impacts);

    const impactsCsv = (await downloaded(page, '#export-impacts-csv')).content.toString('utf8').trimEnd().split('\r\n');
    expect(impactsCsv[0]).toBe(
      'rank,entity_id,entity_name,direction,strength,hops,path_count,mixed,earliest_arrival_days,net_effect,agreement,drawn',
    );
    expect(impactsCsv).toHaveLength(impacts + 1);
    const pathsCsv = (await downloaded(page, '#export-paths-csv')).content.toString('utf8').trimEnd().split('\r\n');
    expect(pathsCsv).toHaveLength(paths + 1);
    expect(pathsCsv[1]).toMatch(/^1,0\.9,DOWN,1,0,boj-policy-rate > /);

    const json = JSON.parse((await downloaded(page, '#export-json')).content.toString('utf8')) as {
      query: { search: string };
      impacts: unknown[];
      paths: unknown[];
    };
    expect(json.query.search).toBe('?shock=boj-policy-rate&dir=UP&hops=3&min=0.05&paths=100');
    expect(json.impacts).toHaveLength(impacts);
    expect(json.paths).toHaveLength(paths);
    expect(requests.filter((url) => !url.startsWith('blob:'))).toEqual([]);
    expect(problems).toEqual([]);
  }, 60_000);

  for (const [width, height] of [
    [390, 844],
    [768, 1024],
    [1440, 900],
  ]) {
    it(`works at ${width}×${height}: the graph has room, nothing overflows, labels are readable`, async () => {
      const watched = await openPage(browser, BOJ, { width, height });
      const { page, problems } = watched;
      const screenshot = (name: string) => watched.screenshot(name);
      await ready(page);
      const box = await page.locator('#graph').boundingBox();
      expect(box!.width).toBeGreaterThanOrEqual(Math.min(300, width));
      expect(box!.height).toBeGreaterThanOrEqual(250);
      const overflow = () => page.evaluate<number>('document.scrollingElement.scrollWidth - window.innerWidth');
      expect(await overflow()).toBeLessThanOrEqual(0);
      // The labels' size on screen: the model font size times the zoom.
      const rendered = await page.evaluate<number>(
        `window.explorerGraph.zoom() * parseFloat(window.explorerGraph.nodes(':not(.shock)')[0].style('font-size'))`,
      );
      expect(rendered).toBeGreaterThanOrEqual(9);
      await screenshot(`explorer-${width}`);
      if (width < 700) {
        // The form folds away once there is an answer; "Edit query" brings it back.
        expect(await page.locator('#controls').isVisible()).toBe(false);
        await page.locator('#edit-query').click();
        await page.locator('#shock-search').waitFor({ state: 'visible' });
        expect(await overflow()).toBeLessThanOrEqual(0);
        await screenshot(`explorer-${width}-form`);
        // The lists and the details come below the graph.
        const graphBottom = box!.y + box!.height;
        expect((await page.locator('#paths-tab').boundingBox())!.y).toBeGreaterThan(graphBottom);
        await page.locator('#impacts-tab').click();
        await page.locator('#impacts .impact').first().click();
        await page.locator('#details .details-measure').waitFor();
        await page.locator('#details').scrollIntoViewIfNeeded();
        await screenshot(`explorer-${width}-details`);
      }
      expect(problems).toEqual([]);
    }, 60_000);
  }
});
