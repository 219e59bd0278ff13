import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { createServices } from '../../src/composition-root';
import { PROJECT_ROOT } from '../../src/config';
import { createApp, type AppParts } from '../../src/http/create-app';
import { SqliteGraphStore } from '../../src/storage/sqlite/sqlite-graph-store';
import { FIXTURE } from '../support/fixture-graph';
import { freePort } from '../support/free-port';

const BOJ_HIKE =
  '{ propagate(shocks: [{ entityId: "boj-policy-rate", direction: UP }], maxHops: 3) { paths { entities { id } strength direction } } }';

const post = (url: string, query: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });

describe('HTTP', () => {
  describe('the app in process', () => {
    /** The app on a free port, not yet given a graph; `load()` attaches the fixture graph. */
    async function startApp(): Promise<{ base: string; load(): void; close(): Promise<void> }> {
      const parts: AppParts = await createApp({ reportError: () => {} });
      const server: Server = parts.app.listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      return {
        base: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
        load() {
          const store = SqliteGraphStore.inMemory(FIXTURE);
          parts.attach(createServices(store));
        },
        async close() {
          server.close();
          await parts.apollo.stop();
        },
      };
    }

    it('answers 503 with a reason on /ready and /graphql until the graph is loaded, then 200 with the counts; /health is always 200', async () => {
      const app = await startApp();
      const { base } = app;
      try {
        const loading = await fetch(`${base}/ready`);
        expect(loading.status).toBe(503);
        expect(await loading.json()).toEqual({ status: 'unavailable', reason: 'the graph is loading' });
        expect((await post(`${base}/graphql`, '{ __typename }')).status).toBe(503);
        expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok', state: 'the graph is loading' });

        app.load();
        const ready = await fetch(`${base}/ready`);
        expect(ready.status).toBe(200);
        expect(await ready.json()).toEqual({
          status: 'ok',
          backend: 'memory',
          database: 'up',
          entities: FIXTURE.entities.length,
          edges: FIXTURE.edges.length,
        });
        expect(await (await fetch(`${base}/health`)).json()).toEqual({
          status: 'ok',
          backend: 'memory',
          entities: FIXTURE.entities.length,
          edges: FIXTURE.edges.length,
          liveConnections: 0,
          liveSubscriptions: 0,
        });
      } finally {
        await app.close();
      }
    });

    describe('once the graph is loaded', () => {
      let app: Awaited<ReturnType<typeof startApp>>;
      beforeAll(async () => {
        app = await startApp();
        app.load();
      });
      afterAll(() => app.close());

      it('serves POST /graphql as JSON', async () => {
        const response = await post(`${app.base}/graphql`, BOJ_HIKE);
        expect(response.status).toBe(200);
        const body: any = await response.json();
        expect(body.data.propagate.paths[0]).toEqual({
          entities: [{ id: 'boj-policy-rate' }, { id: 'usd-jpy' }],
          strength: 0.8,
          direction: 'DOWN',
        });
      });

      it('answers a bad argument with BAD_USER_INPUT over HTTP too', async () => {
        const body: any = await (
          await post(`${app.base}/graphql`, '{ propagate(shocks: [{ entityId: "boj-policy-rate" }], maxHops: 12) { paths { hops } } }')
        ).json();
        expect(body.errors[0]).toMatchObject({
          message: 'maxHops must be an integer from 1 to 8 (got 12)',
          extensions: { code: 'BAD_USER_INPUT', argument: 'maxHops' },
        });
      });
    });
  });

  describe('the built server, started as the README says', () => {
    let child: ChildProcess;
    let output = '';

    afterAll(() => {
      child?.kill('SIGTERM');
    });

    it('listens on PORT and serves the seed graph: a BOJ hike reaches UST yields in three hops', async () => {
      const main = join(PROJECT_ROOT, 'dist', 'src', 'main.js');
      expect(existsSync(main)).toBe(true); // `npm test` builds first
      const port = await freePort();
      const dataDir = mkdtempSync(join(tmpdir(), 'api-data-'));
      child = spawn(process.execPath, [main], {
        env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
        stdio: 'pipe',
      });
      child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
      const base = `http://127.0.0.1:${port}`;
      let health: Response | undefined;
      for (let i = 0; i < 100 && health?.status !== 200; i++) {
        await new Promise((r) => setTimeout(r, 100));
        health = await fetch(`${base}/ready`).catch(() => undefined);
      }
      expect({ status: health?.status, output }).toMatchObject({ status: 200 }); // the output says why not
      const status: any = await health!.json();
      expect(status).toMatchObject({ status: 'ok', backend: 'memory' });
      expect(status.edges).toBeGreaterThan(50);

      const body: any = await (await post(`${base}/graphql`, BOJ_HIKE)).json();
      const reached = body.data.propagate.paths.map((p: { entities: { id: string }[] }) => p.entities.at(-1)!.id);
      expect(reached).toContain('ust-10y-yield');
      expect(output).toMatch(/ready: memory backend/);
    }, 30_000);
  });
});
