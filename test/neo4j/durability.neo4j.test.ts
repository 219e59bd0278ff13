import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphql, healthy, startApi } from '../support/api-process';
import { freePort } from '../support/free-port';
import { startNeo4j, type RunningNeo4j } from '../support/neo4j-launcher';
import { describeWithNeo4j } from '../support/neo4j-test-store';

const TOKEN = 'durability-neo4j-token';
const ADD = `mutation($input: CausalEdgeInput!) { addEdge(input: $input) { id revision } }`;
const UPDATE = `mutation($rev: Int!) { updateEdge(id: "usd-liquidity-lifts-gold", patch: { weight: 0.45 }, expectedRevision: $rev) { revision } }`;

describeWithNeo4j('the Neo4j backend keeps every acknowledged write', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'neo4j-durability-'));
  let neo4j: RunningNeo4j | undefined;
  afterAll(async () => {
    await neo4j?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('survives kill -9 of the API and of Neo4j the moment after the write returned', async () => {
    const boltPort = await freePort();
    neo4j = await startNeo4j({ port: boltPort, dataDir, log: () => {} });
    const env = { NEO4J_URI: neo4j.uri, API_TOKENS: `${TOKEN}:researcher` };
    const api = await startApi(env);
    await healthy(api);
    const added = await graphql(
      api.base,
      ADD,
      {
        input: {
          from: 'usd-liquidity',
          to: 'gold',
          polarity: 'POSITIVE',
          weight: 0.3,
          confidence: 0.3,
          mechanism: 'Durable.',
          evidence: [{ sourceId: 'hayes-2025-ski-cut', quote: 'q' }],
        },
      },
      TOKEN,
    );
    expect(added.data.addEdge).toEqual({ id: 'usd-liquidity-lifts-gold', revision: 1 });
    expect((await graphql(api.base, UPDATE, { rev: 1 }, TOKEN)).data.updateEdge).toEqual({ revision: 2 });
    // Both crash at once, right after the answers.
    process.kill(neo4j.pid, 'SIGKILL');
    api.child.kill('SIGKILL');
    await api.exited;
    await neo4j.stop();

    neo4j = await startNeo4j({ port: boltPort, dataDir, log: () => {} });
    const again = await startApi(env);
    try {
      await healthy(again);
      const { data } = await graphql(again.base, '{ edge(id: "usd-liquidity-lifts-gold") { revision weight history { action } } }');
      expect(data.edge).toEqual({ revision: 2, weight: 0.45, history: [{ action: 'CREATED' }, { action: 'UPDATED' }] });
      expect(again.output()).not.toMatch(/graph is empty/); // not re-seeded over the writes
    } finally {
      again.child.kill('SIGKILL');
    }
  });
});
