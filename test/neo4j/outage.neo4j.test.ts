import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphql, healthy, startApi, until, type ApiProcess } from '../support/api-process';
import { freePort } from '../support/free-port';
import { startNeo4j, type RunningNeo4j } from '../support/neo4j-launcher';
import { describeWithNeo4j } from '../support/neo4j-test-store';

const BOJ = '{ propagate(shocks: [{ entityId: "boj-policy-rate" }], maxHops: 3) { paths { entities { id } } } }';

describeWithNeo4j('the API on Neo4j when the database goes away', () => {
  let neo4j: RunningNeo4j | undefined;
  let api: ApiProcess | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'neo4j-outage-'));

  afterAll(async () => {
    api?.child.kill('SIGKILL');
    await neo4j?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers clear errors while Neo4j is down, never hangs, and recovers by itself when it is back', async () => {
    const boltPort = await freePort();
    neo4j = await startNeo4j({ port: boltPort, dataDir, log: () => {} });
    api = await startApi({ NEO4J_URI: neo4j.uri });
    const base = api.base;
    const health: any = await healthy(api);
    expect(health).toMatchObject({ status: 'ok', backend: 'neo4j', database: 'up' });
    expect(health.edges).toBeGreaterThan(50); // seeded from seed/ because the database was empty
    expect((await graphql(base, BOJ)).data.propagate.paths.length).toBeGreaterThan(0);

    await neo4j.stop();
    const started = Date.now();
    const down = await graphql(base, BOJ);
    expect(Date.now() - started).toBeLessThan(25_000);
    expect(down.data).toBeNull();
    expect(down.errors).toEqual([
      { message: 'The graph database is unavailable right now; try again shortly.', path: ['propagate'], extensions: { code: 'SERVICE_UNAVAILABLE' } },
    ]);
    const downHealth = await fetch(`${base}/health`, { signal: AbortSignal.timeout(25_000) });
    expect(downHealth.status).toBe(503);
    expect(await downHealth.json()).toMatchObject({ status: 'unavailable', backend: 'neo4j', database: 'down' });
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
    const failing = await startApi({ NEO4J_URI: `bolt://127.0.0.1:${closed}`, NEO4J_CONNECT_TIMEOUT_MS: '2000' });
    expect(await failing.exited).toBe(1);
    expect(failing.output()).toMatch(new RegExp(`cannot reach Neo4j at NEO4J_URI=bolt://127\\.0\\.0\\.1:${closed} \\(kept trying for 2 s\\): the graph database is unavailable: .*ECONNREFUSED`));
  });
});
