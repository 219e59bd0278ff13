// The explorer's views of the answer (net effect and agreement, channels, response) on a BOJ
// hike, at a phone's, a tablet's and a desktop's width: real numbers from the API in each,
// the channels highlighted in the graph, the response drawn with its band and peak.
import type { Browser, Locator, Page } from 'playwright-core';
import { join } from 'node:path';
import { ARTIFACTS, describeInBrowser, launchBrowser, openPage } from '../support/browser';

const BOJ = '/explorer?shock=boj-policy-rate&dir=UP&hops=3&min=0.05';
const UST = 'ust-10y-yield';
const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'tablet', width: 768, height: 1024 },
  { name: 'desktop', width: 1440, height: 900 },
];

async function numbers(locator: Locator, attribute: string): Promise<number[]> {
  const values = await locator.evaluateAll((els, name) => els.map((el) => el.getAttribute(name)), attribute);
  return values.map(Number);
}

/** The lists' panel alone, to look at the view at its real size. */
async function listShot(page: Page, name: string): Promise<void> {
  await page.locator('.lists').screenshot({ path: join(ARTIFACTS, `${name}-list.png`) });
}

async function openTab(page: Page, id: string): Promise<void> {
  await page.locator(`#${id}-tab`).click();
  await page.locator(`#${id}-panel`).waitFor({ state: 'visible' });
}

describeInBrowser('the explorer’s views of the answer', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  for (const size of SIZES) {
    it(`shows net effect, channels and the response for a BOJ hike at ${size.width} px`, async () => {
      const { page, problems, screenshot } = await openPage(browser, BOJ, { width: size.width, height: size.height });
      await page.locator('body[data-state="ready"]').waitFor({ timeout: 30_000 });

      // Impacts: net effect and agreement on every row, sortable by the size of the net effect.
      await openTab(page, 'impacts');
      const rows = page.locator('#impacts .impact');
      const nets = await numbers(rows.locator('.net'), 'data-net');
      const agreements = await numbers(rows.locator('.agreement'), 'data-agreement');
      expect(nets.length).toBeGreaterThan(20);
      expect(nets.every(Number.isFinite)).toBe(true);
      expect(nets.some((n) => n > 0) && nets.some((n) => n < 0)).toBe(true);
      expect(agreements.every((a) => a >= 0 && a <= 1 + 1e-9)).toBe(true);
      expect(agreements.some((a) => a < 0.99)).toBe(true);
      await page.locator('.impact-sort [data-sort="netEffect"]').click();
      const sorted = await numbers(rows.locator('.net'), 'data-net');
      expect(sorted.map(Math.abs)).toEqual([...nets.map(Math.abs)].sort((a, b) => b - a));
      const ustNet = Number(await page.locator(`#impacts .impact[data-entity-id="${UST}"] .net`).getAttribute('data-net'));
      await screenshot(`answer-impacts-${size.width}`);
      await listShot(page, `answer-impacts-${size.width}`);

      // Channels to UST yields: the same net effect as the impact (same hops and threshold), the
      // edges it hinges on, and the channels brought out in the graph.
      await openTab(page, 'channels');
      await page.locator('#channels-to').selectOption(UST);
      const count = page.locator('#channels-summary [data-path-count]');
      await count.waitFor({ timeout: 30_000 });
      const channelNet = Number(await page.locator('#channels-summary .net').getAttribute('data-net'));
      expect(channelNet).toBeCloseTo(ustNet, 9);
      expect(Number(await count.getAttribute('data-path-count'))).toBeGreaterThan(1);
      const channels = page.locator('#channels .channel');
      expect(await channels.count()).toBeGreaterThan(1);
      expect(await channels.first().locator('.path-explanation').textContent()).toMatch(
        /^BOJ policy rate → .+ → US Treasury yields \(10-year benchmark\)$/,
      );
      const contributions = await numbers(page.locator('#contributions .contribution'), 'data-contribution');
      expect(contributions.length).toBeGreaterThan(2);
      expect(contributions.map(Math.abs)).toEqual([...contributions.map(Math.abs)].sort((a, b) => b - a));
      const hinge = (await page.locator('#contributions .contribution').first().getAttribute('data-edge-id'))!;
      const lit = await page.evaluate<{ hinge: boolean; target: boolean; faded: number }>(
        `({ hinge: window.explorerGraph.$('#${hinge}').hasClass('hl'), target: window.explorerGraph.$('#${UST}').hasClass('hl'),
            faded: window.explorerGraph.elements('.faded').length })`,
      );
      expect(lit).toEqual({ hinge: true, target: true, faded: expect.any(Number) });
      expect(lit.faded).toBeGreaterThan(0);
      await screenshot(`answer-channels-${size.width}`);
      await listShot(page, `answer-channels-${size.width}`);

      // Response: every moving entity with a level, a band and a peak day; the chart draws the
      // three largest with their peaks and bands.
      await openTab(page, 'response');
      const responseRows = page.locator('#response-list .response-row');
      await responseRows.first().waitFor({ timeout: 30_000 });
      const levels = await numbers(responseRows, 'data-level');
      expect(levels.length).toBeGreaterThan(20);
      expect(levels.every((l) => l !== 0 && Math.abs(l) <= 1)).toBe(true);
      const p05 = await numbers(responseRows.locator('.band-text'), 'data-p05');
      const p95 = await numbers(responseRows.locator('.band-text'), 'data-p95');
      expect(p05).toHaveLength(levels.length);
      expect(p05.every((p, i) => p <= p95[i])).toBe(true);
      const peaks = await numbers(responseRows, 'data-peak-day');
      expect(peaks.every((d) => Number.isInteger(d) && d >= 0 && d <= 90)).toBe(true);
      const ust = page.locator(`#response-list .response-row[data-entity-id="${UST}"]`);
      expect(Number(await ust.getAttribute('data-level'))).toBeGreaterThan(0);
      const chart = page.locator('#response-chart svg');
      expect(await chart.locator('.series path').count()).toBe(3);
      expect(await chart.locator('.series .peak').count()).toBe(3);
      expect(await chart.locator('.series .band').count()).toBe(3);
      // Ticking UST yields adds its line; the day slider reads the levels on that day.
      if (!(await ust.locator('input[type="checkbox"]').isChecked())) await ust.locator('input[type="checkbox"]').check();
      expect(await chart.locator('.series path').count()).toBe(4);
      await page.locator('#response-day').fill('30');
      expect(await page.locator('#response-day-label').textContent()).toBe('day 30');
      expect(await page.locator(`#response-readout [data-entity-id="${UST}"] strong`).textContent()).toMatch(/^[+−]\d\.\d\d$/);
      await screenshot(`answer-response-${size.width}`);
      await listShot(page, `answer-response-${size.width}`);
      // Six tabs and long names scroll inside the sidebar; the page itself never scrolls sideways.
      expect(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
      expect(problems).toEqual([]);
    }, 120_000);
  }
});
