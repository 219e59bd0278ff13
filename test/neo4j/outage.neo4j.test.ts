import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphql, healthy, startApi, until, type ApiProcess } from '../support/api-process';
import { freePort } from '../support/free-port';
import { startNeo4j, type RunningNeo4j } from '../support/neo4j-launcher';
import { describeWithNeo4j } from '../support/neo4j-test-store';

const BOJ = '{ propagate(shocks: [{ entityId: "boj-policy-rate" }], maxHops: 3) { paths { entities { id } } } }';
const TOKEN = 'outage-researcher-token';
const ADD_SOURCE = 'mutation($input: SourceInput!) { addSource(input: $input) { id } }';
/** What a client may see while the database is away: an answer, or one of these codes. */
const CLEAR = new Set(['SERVICE_UNAVAILABLE', 'TIMEOUT']);

interface Outcome {
  kind: 'read' | 'write';
  ms: number;
  ok: boolean;
  code?: string;
  id?: string;
}

/** Reads and writes (each write a new source) in a loop until `stop()`; every answer is kept. */
function load(base: string) {
  const outcomes: Outcome[] = [];
  let running = true;
  let n = 0;
  const one = async (kind: Outcome['kind']) => {
    const started = Date.now();
    const id = `outage-source-${n++}`;
    const body =
      kind === 'read'
        ? await graphql(base, BOJ)
        : await graphql(base, ADD_SOURCE, { input: { id, title: `Outage ${id}`, language: 'en' } }, TOKEN);
    outcomes.push({
      kind,
      ms: Date.now() - started,
      ok: !body.errors,
      code: body.errors?.[0]?.extensions?.code,
      id: kind === 'write' ? id : undefined,
    });
  };
  const loop = async (kind: Outcome['kind']) => {
    while (running)
      await one(kind).catch((error) => outcomes.push({ kind, ms: 0, ok: false, code: `transport: ${(error as Error).message}` }));
  };
  const loops = [loop('read'), loop('read'), loop('write')];
  return {
    outcomes,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

describeWithNeo4j('the API on Neo4j when the database goes away', () => {
  let neo4j: RunningNeo4j | undefined;
  let api: ApiProcess | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'neo4j-outage-'));

  afterAll(async () => {
    api?.child.kill('SIGKILL');
    await neo4j?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers clear errors under load while Neo4j is down, never hangs or half-writes, and recovers by itself', async () => {
    const boltPort = await freePort();
    neo4j = await startNeo4j({ port: boltPort, dataDir, log: () => {} });
    api = await startApi({ NEO4J_URI: neo4j.uri, API_TOKENS: `${TOKEN}:researcher`, RATE_LIMIT_PER_MINUTE: '0' });
    const base = api.base;
    const ready: any = await healthy(api);
    expect(ready).toMatchObject({ status: 'ok', backend: 'neo4j', database: 'up' });
    expect(ready.edges).toBeGreaterThan(50); // seeded from seed/ because the database was empty
    expect((await graphql(base, BOJ)).data.propagate.paths.length).toBeGreaterThan(0);

    const traffic = load(base);
    await new Promise((r) => setTimeout(r, 1_000));
    await neo4j.stop();
    const started = Date.now();
    const down = await graphql(base, BOJ);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(down.data ?? null).toBeNull();
    expect(down.errors).toEqual([
      expect.objectContaining({
        message: 'The graph database is unavailable right now; try again shortly.',
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      }),
    ]);
    // Liveness stays up (restarting the API would not help); readiness says why not.
    expect((await fetch(`${base}/health`, { signal: AbortSignal.timeout(5_000) })).status).toBe(200);
    const notReady = await fetch(`${base}/ready`, { signal: AbortSignal.timeout(25_000) });
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({ status: 'unavailable', backend: 'neo4j', database: 'down' });
    await new Promise((r) => setTimeout(r, 3_000));

    neo4j = await startNeo4j({ port: boltPort, dataDir, log: () => {} });
    const recovered = await until(
      'recovery',
      async () => {
        const body = await graphql(base, BOJ);
        return body.data?.propagate ? body : undefined;
      },
      60_000,
    );
    await new Promise((r) => setTimeout(r, 1_000));
    await traffic.stop();
    expect(recovered.data.propagate.paths.length).toBeGreaterThan(0);
    expect(api.child.exitCode).toBeNull(); // the same API process, never restarted

    const { outcomes } = traffic;
    const failures = outcomes.filter((o) => !o.ok);
    expect(failures.length).toBeGreaterThan(0); // the outage was seen
    expect(failures.filter((o) => !CLEAR.has(o.code ?? ''))).toEqual([]); // and only as clear errors
    expect(Math.max(...outcomes.map((o) => o.ms))).toBeLessThan(12_000); // nothing hung past the request timeout
    expect(outcomes.filter((o) => o.ok).length).toBeGreaterThan(failures.length); // before and after, it worked

    // Every acknowledged write is there, and every write is whole or absent: a source exists
    // exactly when it has its title (a half-applied write would show otherwise).
    const written = outcomes.filter((o) => o.kind === 'write');
    const { data } = await graphql(base, '{ sources { id title } }');
    const stored = new Map<string, string>(data.sources.map((s: { id: string; title: string }) => [s.id, s.title]));
    for (const w of written.filter((o) => o.ok)) expect(stored.get(w.id!)).toBe(`Outage ${w.id}`);
    for (const w of written.filter((o) => !o.ok)) expect([undefined, `Outage ${w.id}`]).toContain(stored.get(w.id!));
  });

  it('exits non-zero at start, naming NEO4J_URI and the reason, when Neo4j never answers', async () => {
    const closed = await freePort();
    const failing = await startApi({ NEO4J_URI: `bolt://127.0.0.1:${closed}`, NEO4J_CONNECT_TIMEOUT_MS: '2000' });
    expect(await failing.exited).toBe(1);
    expect(failing.output()).toMatch(
      new RegExp(
        `cannot reach Neo4j at NEO4J_URI=bolt://127\\.0\\.0\\.1:${closed} \\(kept trying for 2 s\\): the graph database is unavailable: .*ECONNREFUSED`,
      ),
    );
  });
});
