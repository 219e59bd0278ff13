import type { Browser } from 'playwright-core';
import { describeInBrowser, launchBrowser, openPage } from '../support/browser';

describeInBrowser('the playground at GET /graphql', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('loads with no failed request and nothing from outside, with the example operations and schema docs', async () => {
    const { page, problems, screenshot } = await openPage(browser, '/graphql');
    await page.waitForSelector('.graphiql-container');
    const tabs = await page.locator('.graphiql-tab').allTextContents();
    expect(tabs.join(' | ')).toMatch(/BojHike[^]*IssuanceToBitcoin[^]*MoveLoops[^]*WithoutFima[^]*AddEdge/);
    // Docs come from introspection of the running API.
    await page
      .getByRole('button', { name: /documentation/i })
      .first()
      .click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByText('Query', { exact: true }).first().click();
    await docs.getByText('propagate', { exact: true }).first().waitFor();
    expect(await docs.textContent()).toContain('Where shocks travel');
    // Run the first example.
    await page.locator('.graphiql-tab').first().click();
    await page.locator('.graphiql-execute-button').click();
    // The result editor renders only the lines in view: the first impact is enough.
    await page.locator('.result-window', { hasText: '"fed-boj-rate-gap"' }).waitFor({ timeout: 20_000 });
    expect(await page.locator('.result-window').textContent()).toMatch(/"propagate"[^]*"impacts"[^]*"strength": 0\.9/);
    await screenshot('playground');
    expect(problems).toEqual([]);
  }, 60_000);
});
