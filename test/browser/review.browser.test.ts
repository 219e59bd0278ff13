import type { Browser } from 'playwright-core';
import { graphql } from '../support/api-process';
import { BASE_URL, describeInBrowser, launchBrowser, openPage } from '../support/browser';

const RESEARCHER = 'browser-researcher';
const REVIEWER = 'browser-reviewer';
const TEXT = 'A browser test writes this note.\nThe MOVE index   rising pushes the dollar up, dealers say.\nNothing else.';

describeInBrowser('the review tab of the explorer', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('lists a proposal with its quote found in its source text, and accepts it with a reviewer token', async () => {
    const source = await graphql(
      BASE_URL!,
      'mutation($input: SourceInput!) { addSource(input: $input) { id hasText } }',
      { input: { id: 'browser-note', title: 'Browser note', language: 'en', text: TEXT } },
      RESEARCHER,
    );
    expect(source.data.addSource).toEqual({ id: 'browser-note', hasText: true });
    const quote = 'The MOVE index rising pushes the dollar up';
    const added = await graphql(
      BASE_URL!,
      'mutation($input: CausalEdgeInput!) { addEdge(input: $input) { id status } }',
      {
        input: {
          from: 'move-index',
          to: 'us-dollar',
          polarity: 'POSITIVE',
          weight: 0.2,
          confidence: 0.4,
          mechanism: 'Volatility sends money to the dollar.',
          evidence: [{ sourceId: 'browser-note', quote }],
        },
      },
      RESEARCHER,
    );
    const { id, status } = added.data.addEdge;
    expect(status).toBe('PROPOSED');

    const { page, problems, screenshot } = await openPage(browser, '/explorer');
    await page.locator('#review-tab').click();
    const item = page.locator(`#review-queue .proposal[data-edge="${id}"]`);
    await item.waitFor({ timeout: 30_000 });
    // The quote, found in the text despite the run of spaces, with text on either side.
    await expect(item.locator('.evidence-context mark').textContent()).resolves.toBe('The MOVE index   rising pushes the dollar up');
    await expect(item.locator('.evidence-context').textContent()).resolves.toMatch(/^A browser test writes this note\./);
    // Without a token the decision is refused, and the page says why.
    await item.locator('button.accept').click();
    await page.locator('#review-status', { hasText: 'needs a token' }).waitFor({ timeout: 10_000 });
    await page.locator('#review-token').fill(REVIEWER);
    await item.locator('.review-reason').fill('the note says so');
    await item.locator('button.accept').click();
    await page.locator('#review-status', { hasText: `${id} is ACTIVE` }).waitFor({ timeout: 10_000 });
    await expect(page.locator(`#review-queue .proposal[data-edge="${id}"]`).count()).resolves.toBe(0);
    await screenshot('explorer-review');
    const edge = await graphql(BASE_URL!, `{ edge(id: "${id}") { status history { action by reason } } }`);
    expect(edge.data.edge).toEqual({
      status: 'ACTIVE',
      history: [
        { action: 'CREATED', by: 'ada', reason: null },
        { action: 'ACCEPTED', by: 'rosalind', reason: 'the note says so' },
      ],
    });
    // The refused decision answered 200 with an error in the body: no failed request.
    expect(problems).toEqual([]);
  });
});
