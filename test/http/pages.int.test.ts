import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { healthy, startApi } from '../support/api-process';

const html = (url: string) => fetch(url, { headers: { accept: 'text/html' } });

describe('the browser pages, switched for production', () => {
  it('serves the playground on GET /graphql and the explorer by default, with no third-party address', async () => {
    const api = await startApi({ DATA_DIR: mkdtempSync(join(tmpdir(), 'pages-')) });
    try {
      await healthy(api);
      const playground = await html(`${api.base}/graphql`);
      expect(playground.status).toBe(200);
      const page = await playground.text();
      expect(page).toContain('/playground/app.js');
      expect(page).not.toMatch(/https?:\/\/(?!localhost)/);
      expect((await fetch(`${api.base}/playground/app.js`)).status).toBe(200);
      const explorer = await html(`${api.base}/explorer`);
      expect(explorer.status).toBe(200);
      for (const response of [playground, explorer]) {
        const csp = response.headers.get('content-security-policy') ?? '';
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("script-src 'self'");
        expect(csp).toContain("default-src 'self'");
        expect(csp).not.toMatch(/script-src[^;]*unsafe/);
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('x-frame-options')).toBe('DENY');
      }
      const health = await fetch(`${api.base}/health`);
      expect(health.headers.get('x-content-type-options')).toBe('nosniff');
      // A GraphQL GET with a query still reaches the API, not the page.
      const get = await fetch(`${api.base}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
        headers: { 'apollo-require-preflight': 'true' },
      });
      expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
    } finally {
      api.child.kill('SIGKILL');
    }
  }, 60_000);

  it('turns the playground off with PLAYGROUND=off (and by default under NODE_ENV=production) and the explorer with EXPLORER=off', async () => {
    const variants: Array<Record<string, string>> = [
      { PLAYGROUND: 'off', EXPLORER: 'off' },
      { NODE_ENV: 'production', EXPLORER: 'off' },
    ];
    for (const env of variants) {
      const api = await startApi({ DATA_DIR: mkdtempSync(join(tmpdir(), 'pages-')), ...env });
      try {
        await healthy(api);
        const playground = await html(`${api.base}/graphql`);
        const text = await playground.text();
        expect(text).not.toContain('/playground/app.js');
        // Said in words, not as a GraphQL error: what is off, why, and how to turn it on.
        expect(playground.status).toBe(404);
        expect(text).toMatch(/playground is off on this server .*PLAYGROUND=on/);
        expect((await html(`${api.base}/explorer`)).status).toBe(404);
      } finally {
        api.child.kill('SIGKILL');
      }
    }
  }, 60_000);
});
