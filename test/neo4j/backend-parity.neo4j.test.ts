import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config';
import { claimKey } from '../../src/domain/model/graph.model';
import type { GraphSnapshot } from '../../src/domain/model/graph-snapshot';
import { cypher } from '../../src/storage/neo4j/cypher/cypher-query';
import { Neo4jGateway } from '../../src/storage/neo4j/neo4j-gateway';
import type { Neo4jGraphStore } from '../../src/storage/neo4j/neo4j-graph-store';
import { SqliteGraphStore } from '../../src/storage/sqlite/sqlite-graph-store';
import { readSeed } from '../../src/storage/seed/read-seed';
import { prng, randomGraph } from '../support/random-graph';
import { describeWithNeo4j, openNeo4jStore, testConnection } from '../support/neo4j-test-store';
import { createTestApi, type TestApi } from '../support/test-api';

const SEED = readSeed(join(PROJECT_ROOT, 'seed'));

const PROPAGATE = `query($shocks: [ShockInput!]!, $maxHops: Int!, $minStrength: Float!, $topPaths: Int!) {
  propagate(shocks: $shocks, maxHops: $maxHops, minStrength: $minStrength, topPaths: $topPaths) {
    impacts { entity { id } direction strength hops pathCount mixed }
    paths { entities { id } edges { id weight } hops strength direction }
  }
}`;

/** A random graph as a full snapshot: every entity with a measure, every edge with evidence. */
/** A random graph as a store holds it: parallel edges of opposite polarity, but one edge per claim. */
function randomSnapshot(seed: number, nodes: number, edges: number): GraphSnapshot {
  const g = randomGraph(seed, nodes, edges);
  const claims = new Set<string>();
  g.edges = g.edges.filter((e) => !claims.has(claimKey(e)) && claims.add(claimKey(e)));
  return {
    sources: [{ id: 'synthetic', title: 'Synthetic', language: 'en' }],
    entities: g.entityIds.map((id) => ({ id, name: `Entity ${id}`, kind: 'INDICATOR', measure: 'It rises.', aliases: [] })),
    edges: g.edges.map((e) => ({
      ...e,
      confidence: 0.5,
      lagDays: 0,
      mechanism: 'Synthetic.',
      evidence: [{ sourceId: 'synthetic', quote: 'q' }],
    })),
  };
}

async function bothAnswer(memory: TestApi, neo4j: TestApi, query: string, variables?: Record<string, unknown>) {
  const [a, b] = await Promise.all([memory.run(query, variables), neo4j.run(query, variables)]);
  expect(a.errors).toBeUndefined();
  expect(b).toEqual(a);
  return a.data as Record<string, any>;
}

describeWithNeo4j('the Neo4j and memory backends give identical answers', () => {
  describe('on the seed graph', () => {
    let store: Neo4jGraphStore;
    let memory: TestApi;
    let neo4j: TestApi;
    beforeAll(async () => {
      store = await openNeo4jStore(SEED);
      memory = createTestApi(SqliteGraphStore.inMemory(SEED));
      neo4j = createTestApi(store);
    });
    afterAll(() => store.close());

    it('for a shock to every entity with outgoing edges, both directions', async () => {
      const sources = [...new Set(SEED.edges.map((e) => e.fromId))].sort();
      let paths = 0;
      for (const entityId of sources) {
        for (const direction of ['UP', 'DOWN']) {
          const data = await bothAnswer(memory, neo4j, PROPAGATE, {
            shocks: [{ entityId, direction }],
            maxHops: 4,
            minStrength: 0.01,
            topPaths: 50,
          });
          paths += data.propagate.paths.length;
        }
      }
      expect(paths).toBeGreaterThan(sources.length * 2);
    });

    it('for several shocks at once', async () => {
      await bothAnswer(memory, neo4j, PROPAGATE, {
        shocks: [
          { entityId: 'boj-policy-rate' },
          { entityId: 'liberation-day-tariffs', magnitude: 0.7 },
          { entityId: 'move-index', direction: 'DOWN' },
        ],
        maxHops: 5,
        minStrength: 0.005,
        topPaths: 200,
      });
    });

    it('for net effects, channels and the response with Monte-Carlo bands, to the bit', async () => {
      for (const [from, to] of [
        ['boj-policy-rate', 'ust-10y-yield'],
        ['treasury-bill-issuance', 'bitcoin'],
        ['move-index', 'rv-basis-trade'],
      ]) {
        await bothAnswer(
          memory,
          neo4j,
          `{ propagate(shocks: [{ entityId: "${from}" }], maxHops: 5, minStrength: 0.005, topPaths: 5) { impacts { entity { id } netEffect agreement } }
             channels(from: { entityId: "${from}" }, to: "${to}", maxHops: 6, minStrength: 0.001) { pathCount netEffect agreement paths { edges { id } strength } contributions(first: 50) { edge { id } contribution pathCount } }
             response(shocks: [{ entityId: "${from}" }], horizonDays: 60, samples: 50, seed: 5) { converged steps samplesConverged entities { entity { id } level series peakDay band { p05 p50 p95 sameSign } } } }`,
        );
      }
    });

    it.each(['boj', '美联储', '美聯儲', '日本銀行', '国债', 'repo', 'sofr', 'ＭＯＶＥ', 'tariff'])(
      'for the search %s, page by page',
      async (search) => {
        let after: string | null = null;
        for (let page = 0; page < 20; page++) {
          const data = await bothAnswer(
            memory,
            neo4j,
            'query($s: String, $a: String) { entities(search: $s, first: 3, after: $a) { nodes { id name kind measure description aliases partOf { id } } pageInfo { hasNextPage endCursor } totalCount } }',
            { s: search, a: after },
          );
          if (!data.entities.pageInfo.hasNextPage) break;
          after = data.entities.pageInfo.endCursor;
        }
      },
    );

    it('for every edge, page by page, with its endpoints and evidence', async () => {
      let after: string | null = null;
      let seen = 0;
      for (let page = 0; page < 100; page++) {
        const data = await bothAnswer(
          memory,
          neo4j,
          'query($a: String) { edges(first: 25, after: $a) { nodes { id polarity weight confidence lagDays mechanism from { id } to { id } evidence { quote figure source { id title author publishedOn language } } } pageInfo { hasNextPage endCursor } totalCount } }',
          { a: after },
        );
        seen += data.edges.nodes.length;
        if (!data.edges.pageInfo.hasNextPage) break;
        after = data.edges.pageInfo.endCursor;
      }
      expect(seen).toBe(SEED.edges.length);
    });

    it('for every entity with its edges in both directions', async () => {
      for (const { id } of SEED.entities) {
        await bothAnswer(
          memory,
          neo4j,
          'query($id: ID!) { entity(id: $id) { id name aliases partOf { id } outgoing { id to { id } } incoming { id from { id } } } }',
          { id },
        );
      }
    });
  });

  describe('on random graphs with cycles and parallel edges', () => {
    it.each([1, 2, 3, 4, 5, 6])('random graph %i', async (seed) => {
      const snapshot = randomSnapshot(seed, 30 + seed * 5, 120 + seed * 30);
      const store = await openNeo4jStore(snapshot);
      try {
        const memory = createTestApi(SqliteGraphStore.inMemory(snapshot));
        const neo4j = createTestApi(store);
        const rand = prng(seed * 1000);
        for (let q = 0; q < 8; q++) {
          const ids = snapshot.entities.map((e) => e.id);
          const shocks = [ids[Math.floor(rand() * ids.length)]].concat(rand() < 0.4 ? [ids[Math.floor(rand() * ids.length)]] : []);
          await bothAnswer(memory, neo4j, PROPAGATE, {
            shocks: [...new Set(shocks)].map((entityId) => ({ entityId, direction: rand() < 0.5 ? 'UP' : 'DOWN' })),
            maxHops: 2 + Math.floor(rand() * 4),
            minStrength: [0, 0.01, 0.05, 0.2][Math.floor(rand() * 4)],
            topPaths: [1, 10, 100, 1000][Math.floor(rand() * 4)],
          });
        }
      } finally {
        await store.close();
      }
    });
  });
});

describeWithNeo4j('the Neo4j store', () => {
  const dump = async (gateway: Neo4jGateway) =>
    gateway.query(
      cypher(`MATCH (n) WHERE NOT n:GraphMeta
              OPTIONAL MATCH (n)-[r]->(m)
              WITH n, r, m ORDER BY n.id, r.id, m.id
              RETURN labels(n) AS labels, properties(n) AS props, type(r) AS type, properties(r) AS rprops, m.id AS to`),
    );

  it('seeds idempotently: loading the seed twice changes nothing', async () => {
    const store = await openNeo4jStore(SEED);
    const gateway = new Neo4jGateway(testConnection());
    try {
      const before = await dump(gateway);
      expect(before.length).toBeGreaterThan(SEED.entities.length);
      await store.importSnapshot(SEED);
      expect(await dump(gateway)).toEqual(before);
      expect(await store.counts()).toEqual({ entities: SEED.entities.length, edges: SEED.edges.length });
    } finally {
      await gateway.close();
      await store.close();
    }
  });

  it('sees a write in the next propagation: the projection reloads when the graph version moves', async () => {
    const snapshot = randomSnapshot(99, 10, 0);
    const store = await openNeo4jStore(snapshot);
    try {
      const api = createTestApi(store);
      const query = '{ propagate(shocks: [{ entityId: "n000" }], maxHops: 1) { paths { edges { id } } } }';
      expect((await api.data(query)).propagate.paths).toEqual([]);
      await store.importSnapshot({
        ...snapshot,
        edges: [
          {
            id: 'late-edge',
            fromId: 'n000',
            toId: 'n001',
            polarity: 'POSITIVE',
            weight: 0.5,
            confidence: 0.5,
            lagDays: 0,
            mechanism: 'Late.',
            evidence: [{ sourceId: 'synthetic', quote: 'q' }],
          },
        ],
      });
      expect((await api.data(query)).propagate.paths).toEqual([{ edges: [{ id: 'late-edge' }] }]);
    } finally {
      await store.close();
    }
  });
});
