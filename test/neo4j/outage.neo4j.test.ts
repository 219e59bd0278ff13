import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config';
import { freePort } from '../support/free-port';
import { startNeo4j, type RunningNeo4j } from '../support/neo4j-launcher';
import { describeWithNeo4j } from '../support/neo4j-test-store';

const MAIN = join(PROJECT_ROOT, 'dist', 'src', 'main.js');
const BOJ = '{ propagate(shocks: [{ entityId: "boj-policy-rate" }], maxHops: 3) { paths { entities { id } } } }';

function startApi(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let output = '';
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, HOST: '127.0.0.1', ...env }, stdio: 'pipe' });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function graphql(base: string, query: string, timeoutMs = 30_000): Promise<any> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return response.json();
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describeWithNeo4j('the API on Neo4j when the database goes away', () => {
  let neo4j: RunningNeo4j | undefined;
  let api: ReturnType<typeof startApi> | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'neo4j-outage-'));

  afterAll(async () => {
    api?.child.kill('SIGKILL');
    await neo4j?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers clear errors while Neo4j is down, never hangs, and recovers by itself when it is back', async () => {
    const boltPort = await freePort();
    neo4j = await startNeo4j({ port: boltPort, dataDir, log: () => {} });
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    api = startApi({ PORT: String(port), NEO4J_URI: neo4j.uri });

    const healthy: any = await until('the API on Neo4j', async () => {
      const r = await fetch(`${base}/health`);
      return r.status === 200 ? r.json() : undefined;
    }, 60_000);
    expect(healthy).toMatchObject({ status: 'ok', backend: 'neo4j', database: 'up' });
    expect(healthy.edges).toBeGreaterThan(50); // seeded from seed/ because the database was empty
    expect((await graphql(base, BOJ)).data.propagate.paths.length).toBeGreaterThan(0);

    await neo4j.stop();
    const started = Date.now();
    const down = await graphql(base, BOJ);
    expect(Date.now() - started).toBeLessThan(25_000);
    expect(down.data).toBeNull();
    expect(down.errors).toEqual([
      { message: 'The graph database is unavailable right now; try again shortly.', path: ['propagate'], extensions: { code: 'SERVICE_UNAVAILABLE' } },
    ]);
    const health = await fetch(`${base}/health`, { signal: AbortSignal.timeout(25_000) });
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'unavailable', backend: 'neo4j', database: 'down' });
    expect(api.output()).not.toMatch(/could not start/);

    neo4j = await startNeo4j({ port: boltPort, dataDir, log: () => {} });
    const recovered = await until('recovery', async () => {
      const body = await graphql(base, BOJ);
      return body.data?.propagate ? body : undefined;
    }, 60_000);
    expect(recovered.data.propagate.paths.length).toBeGreaterThan(0);
    expect(api.child.exitCode).toBeNull(); // the same API process, never restarted
  });

  it('exits non-zero at start, naming NEO4J_URI and the reason, when Neo4j never answers', async () => {
    const closed = await freePort();
    const failing = startApi({ PORT: String(await freePort()), NEO4J_URI: `bolt://127.0.0.1:${closed}`, NEO4J_CONNECT_TIMEOUT_MS: '2000' });
    expect(await failing.exited).toBe(1);
    expect(failing.output()).toMatch(new RegExp(`cannot reach Neo4j at NEO4J_URI=bolt://127\\.0\\.0\\.1:${closed} \\(kept trying for 2 s\\): the graph database is unavailable: .*ECONNREFUSED`));
  });
});
