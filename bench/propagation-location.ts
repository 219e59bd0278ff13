/**
 * Where should propagation run for the Neo4j backend? Measures, on one real Neo4j:
 *  - projection: the adapter's way — a version check, then the in-process walk on the
 *    projection of the causal edges (warm: the projection is already loaded);
 *  - cypher: the same top paths computed by Cypher on the server (variable-length match,
 *    node-uniqueness filter, product of weights, ORDER BY, LIMIT), capped at CAP_MS;
 *  - the cold load of the projection.
 * Run: npm run bench:location   (starts its own Neo4j; prints a Markdown table)
 */
import 'reflect-metadata';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { PROJECT_ROOT } from '../src/config';
import type { GraphSnapshot } from '../src/domain/model/graph-snapshot';
import { propagate } from '../src/domain/propagation/propagate';
import { Neo4jGateway } from '../src/storage/neo4j/neo4j-gateway';
import { Neo4jGraphStore } from '../src/storage/neo4j/neo4j-graph-store';
import { cypher } from '../src/storage/neo4j/cypher/cypher-query';
import { readSeed } from '../src/storage/seed/read-seed';
import { prng } from './prng';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startNeo4j } = require('../../neo4j-server/launcher.js') as {
  startNeo4j(this: void, o: { port: number; log: (l: string) => void }): Promise<{ uri: string; stop(): Promise<void> }>;
};

const CAP_MS = 30_000;
const MIN_STRENGTH = 0.01;
const TOP = 25;

function synthetic(nodes: number, edges: number, seed = 7): GraphSnapshot {
  const rand = prng(seed);
  const ids = Array.from({ length: nodes }, (_, i) => `n${i}`);
  return {
    sources: [{ id: 'synthetic', title: 'Synthetic', language: 'en' }],
    entities: ids.map((id) => ({ id, name: id, kind: 'INDICATOR' as const, measure: 'It rises.', aliases: [] })),
    edges: Array.from({ length: edges }, (_, i) => {
      const from = Math.floor(nodes * rand() ** 2); // skewed out-degrees
      let to = Math.floor(rand() * nodes);
      if (to === from) to = (to + 1) % nodes;
      return {
        id: `e${i}`,
        fromId: ids[from],
        toId: ids[to],
        polarity: rand() < 0.3 ? ('NEGATIVE' as const) : ('POSITIVE' as const),
        weight: 0.05 + 0.9 * rand(),
        confidence: 0.5,
        lagDays: 0,
        mechanism: 'Synthetic.',
        evidence: [{ sourceId: 'synthetic', quote: 'q' }],
      };
    }),
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)];
}

async function main() {
  const server = await startNeo4j({ port: 17687, log: () => {} });
  const connection = { uri: server.uri, user: 'neo4j', password: '', database: 'neo4j' };
  const driver = neo4j.driver(server.uri, neo4j.auth.basic('neo4j', ''), { disableLosslessIntegers: true });
  const rows: string[] = [
    '| graph | maxHops | paths ≥ 0.01 | projection: version check + walk | of which the walk | Cypher on server | projection cold load |',
    '|---|---|---|---|---|---|---|',
  ];
  try {
    const graphs: Array<[string, GraphSnapshot, string, number[]]> = [
      ['seed (45 / 74)', readSeed(join(PROJECT_ROOT, 'seed')), 'boj-policy-rate', [3, 4, 5, 6]],
      ['synthetic 1k / 10k', synthetic(1_000, 10_000), 'n0', [3, 4, 5]],
    ];
    for (const [name, snapshot, shock, hops] of graphs) {
      const gateway = new Neo4jGateway(connection);
      await gateway.write((run) => run(cypher('MATCH (n) DETACH DELETE n')));
      const store = new Neo4jGraphStore(gateway);
      await store.ensureSchema();
      await store.importSnapshot(snapshot);
      const coldStart = performance.now();
      await store.causalGraph();
      const cold = performance.now() - coldStart;
      // Warm the JVM: the first thousands of statements on a fresh Neo4j run several times slower.
      for (let i = 0; i < 3_000; i++) await store.causalGraph();
      for (const k of hops) {
        const query = {
          shocks: [{ entityId: shock, direction: 'UP' as const, magnitude: 1 }],
          maxHops: k,
          minStrength: MIN_STRENGTH,
          topPaths: TOP,
        };
        const times: number[] = [];
        const walks: number[] = [];
        let pathCount = 0;
        for (let i = 0; i < 31; i++) {
          const t = performance.now();
          const graph = await store.causalGraph();
          const w = performance.now();
          const result = propagate(graph, query);
          walks.push(performance.now() - w);
          times.push(performance.now() - t);
          pathCount = result.impacts.reduce((n, x) => n + x.pathCount, 0);
        }
        const cypherTimes: number[] = [];
        let capped = false;
        for (let i = 0; i < 4 && !capped; i++) {
          const session = driver.session();
          const t = performance.now();
          try {
            await session.run(
              `MATCH p = (s:Entity {id: $id})-[:CAUSES*1..${k}]->(:Entity)
               WHERE all(n IN nodes(p) WHERE single(m IN nodes(p) WHERE m = n))
               WITH p, reduce(x = 1.0, r IN relationships(p) | x * r.weight) AS strength
               WHERE strength >= $min
               WITH [n IN nodes(p) | n.id] AS ids, [r IN relationships(p) | r.id] AS edges, strength
               RETURN ids, edges, strength ORDER BY strength DESC, size(ids), ids, edges LIMIT $top`,
              { id: shock, min: MIN_STRENGTH, top: neo4j.int(TOP) },
              { timeout: CAP_MS },
            );
            if (i > 0) cypherTimes.push(performance.now() - t); // the first run plans and warms
          } catch {
            capped = true;
          } finally {
            await session.close();
          }
        }
        const cypherCell = capped ? `> ${CAP_MS / 1000} s (cap)` : `${median(cypherTimes).toFixed(1)} ms`;
        rows.push(
          `| ${name} | ${k} | ${pathCount} | ${median(times).toFixed(2)} ms | ${median(walks).toFixed(2)} ms | ${cypherCell} | ${cold.toFixed(0)} ms |`,
        );
        process.stderr.write(`${rows.at(-1)}\n`);
      }
      await store.close();
    }
  } finally {
    await driver.close();
    await server.stop();
  }
  console.log(rows.join('\n'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
