/**
 * npm run bench -- [--size smoke|small|default|large] [--out DIR] [--neo4j-uri URI | --no-neo4j]
 *
 * Measures, on synthetic graphs with a fixed seed:
 *   1. propagation alone, in process: latency (median, p99) and edges examined per second
 *      at maxHops 3 and 6, minStrength 0.01 and 0.05;
 *   2. the same propagation through HTTP GraphQL against `{ __typename }` on one server, at 1
 *      and 50 connections (autocannon, the curated graph);
 *   3. the Neo4j backend against the embedded store, and against plain Cypher capped in time,
 *      at k = 3, 4, 5 (a Neo4j of its own; skipped without Java unless CI=true);
 *   4. start-up: time to load a graph into the embedded store and the propagation index, and
 *      the resident memory they hold per million edges (each size in a fresh process);
 *   5. the GraphQL layer on the largest answer (top 1000 paths): type-graphql against plain
 *      `graphql` execution of the same schema;
 *   6. the response: the steady state on the synthetic graphs against the same iteration in
 *      scipy (bench/response-bench.ts; its own venv under bench/.venv, skipped at the smoke
 *      size and where python3 or pip is missing), and 1,000 Monte-Carlo samples on the
 *      curated graph;
 *   7. writes on the embedded store;
 *   8. the event loop's latency (/health, a small query) idle and with the analysis pool
 *      saturated by four clients sending 8-hop propagations (bench/pool-saturation.ts).
 * Writes JSON and a Markdown table to DIR (default bench/results/). `--size smoke` is the
 * few-second run CI uses to keep the benchmark working; it asserts nothing about speed.
 * `--neo4j-uri` runs section 3 on a Neo4j already running (its graph is wiped) instead of
 * starting one per graph; `--no-neo4j` skips section 3.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/config';
import { CausalGraph } from '../src/domain/propagation/causal-graph';
import { propagate } from '../src/domain/propagation/propagate';
import { measureEmbedded, type EmbeddedSection } from './embedded-store';
import { measureGraphqlLayer, type GraphqlLayerRow } from './graphql-layer';
import { measureHttp, type HttpRow } from './http-load';
import { measureNeo4j, type Neo4jSection } from './neo4j-backend';
import { measureResponse, responseMarkdown, type ResponseSection } from './response-bench';
import { measurePoolSaturation, saturationMarkdown, type SaturationSection } from './pool-saturation';
import { summarize } from './stats';
import { syntheticGraph } from './synthetic-graph';

const SIZES = {
  smoke: { graphs: [[300, 1_500]], runs: 2, httpSeconds: 1, cypherCapMs: 2_000, layerRuns: 2, writes: 20, corrections: 100 },
  small: { graphs: [[1_000, 10_000]], runs: 5, httpSeconds: 2, cypherCapMs: 5_000, layerRuns: 10, writes: 200, corrections: 1_000 },
  default: {
    graphs: [
      [1_000, 10_000],
      [100_000, 1_000_000],
    ],
    runs: 5,
    httpSeconds: 10,
    cypherCapMs: 30_000,
    layerRuns: 50,
    writes: 500,
    corrections: 10_000,
  },
  large: {
    graphs: [
      [1_000, 10_000],
      [100_000, 1_000_000],
      [1_000_000, 5_000_000],
    ],
    runs: 3,
    httpSeconds: 20,
    cypherCapMs: 60_000,
    layerRuns: 50,
    writes: 500,
    corrections: 10_000,
  },
} as const;
const QUERIES = [
  { maxHops: 3, minStrength: 0.01 },
  { maxHops: 3, minStrength: 0.05 },
  { maxHops: 6, minStrength: 0.05 },
  { maxHops: 6, minStrength: 0.01 },
];

interface PropagationRow {
  graph: string;
  maxHops: number;
  minStrength: number;
  runs: number;
  medianMs: number;
  p99Ms: number;
  examinedEdges: number;
  edgesPerSecond: number;
}

const label = (n: number, m: number) => `${n.toLocaleString('en')} / ${m.toLocaleString('en')}`;

function measurePropagation(n: number, m: number, runs: number, log: (line: string) => void): PropagationRow[] {
  const snapshot = syntheticGraph(n, m);
  const graph = CausalGraph.of(
    snapshot.entities.map((e) => e.id),
    snapshot.edges,
  );
  // Shocks: the two biggest hubs and three ordinary entities, taken in turn.
  const shocks = ['n0', 'n1', `n${Math.floor(n / 3)}`, `n${Math.floor(n / 2)}`, `n${n - 7}`];
  const rows: PropagationRow[] = [];
  for (const q of QUERIES) {
    const run = (i: number) =>
      propagate(graph, { shocks: [{ entityId: shocks[i % shocks.length], direction: 'UP', magnitude: 1 }], topPaths: 25, ...q });
    run(0); // warm-up: let the JIT compile the walk
    const times: number[] = [];
    let examined = 0;
    for (let i = 0; i < runs; i++) {
      const start = process.hrtime.bigint();
      examined += run(i).examinedEdges;
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    const total = times.reduce((a, b) => a + b, 0);
    const { median, p99 } = summarize(times);
    const row = {
      graph: label(n, m),
      ...q,
      runs,
      medianMs: median,
      p99Ms: p99,
      examinedEdges: examined,
      edgesPerSecond: examined / (total / 1000),
    };
    log(
      `propagation ${row.graph} maxHops ${q.maxHops} minStrength ${q.minStrength}: median ${median.toFixed(1)} ms, ${(row.edgesPerSecond / 1e6).toFixed(1)} M edges/s`,
    );
    rows.push(row);
  }
  return rows;
}

interface BenchResult {
  machine: string;
  at: string;
  propagation: PropagationRow[];
  http: HttpRow[];
  neo4j: Neo4jSection;
  embedded: EmbeddedSection;
  graphqlLayer: GraphqlLayerRow[];
  response: ResponseSection;
  saturation: SaturationSection;
}

function markdown(result: BenchResult): string {
  const f = (x: number, d = 1) => x.toFixed(d);
  const ratio = (connections: number) => {
    const rps = (q: string) =>
      result.http.find((r) => r.server === 'default' && r.connections === connections && r.query === q)?.requestsPerSecond ?? NaN;
    return f(rps('BOJ hike, 3 hops') / rps('{ __typename }'), 2);
  };
  const [api, plain] = result.graphqlLayer;
  const neo = result.neo4j;
  return [
    `# Benchmark — ${result.at}`,
    '',
    `Machine: ${result.machine}. Synthetic graphs, fixed seed, power-law out-degrees (bench/synthetic-graph.ts).`,
    '',
    '## 1. Propagation in process (top 25 paths)',
    '',
    '| graph (entities / edges) | maxHops | minStrength | runs | median ms | p99 ms | edges examined / s |',
    '|---|---|---|---|---|---|---|',
    ...result.propagation.map(
      (r) =>
        `| ${r.graph} | ${r.maxHops} | ${r.minStrength} | ${r.runs} | ${f(r.medianMs)} | ${f(r.p99Ms)} | ${f(r.edgesPerSecond / 1e6)} M |`,
    ),
    '',
    '## 2. Through HTTP GraphQL (curated graph, one server, autocannon)',
    '',
    '| server | connections | query | requests / s | p99 ms | failed |',
    '|---|---|---|---|---|---|',
    ...result.http.map((r) => `| ${r.server} | ${r.connections} | ${r.query} | ${f(r.requestsPerSecond, 0)} | ${r.p99Ms} | ${r.failed} |`),
    '',
    `BOJ hike / \`{ __typename }\` requests per second on the default server: ${ratio(1)} at 1 connection, ${ratio(50)} at 50.`,
    '',
    `## 3. Neo4j backend against the embedded store and plain Cypher (minStrength ${0.01}, top 25)`,
    '',
    ...(neo.skipped
      ? [`Skipped: ${neo.skipped}`]
      : [
          '| graph | shock | k | paths | embedded ms | Neo4j backend ms | backend / embedded | version from events ms | events / embedded | plain Cypher ms | Cypher / backend |',
          '|---|---|---|---|---|---|---|---|---|---|---|',
          ...neo.rows.map(
            (r) =>
              `| ${r.graph} | ${r.shock} | ${r.maxHops} | ${r.paths.toLocaleString('en')} | ${f(r.embeddedMedianMs, 2)} | ${f(r.neo4jMedianMs, 2)} | ${f(r.backendRatio, 2)} | ` +
              `${f(r.eventsMedianMs, 2)} | ${f(r.eventsRatio, 2)} | ` +
              `${r.cypherStopped === null ? f(r.cypherMedianMs!, 1) : r.cypherStopped === 'cap' ? `> ${f(r.cypherCapMs / 1000, 0)} s (cap)` : r.cypherStopped} | ` +
              `${r.cypherStopped === null ? f(r.cypherRatio, 1) : r.cypherStopped === 'cap' ? `> ${f(r.cypherRatio, 0)}` : '—'} |`,
          ),
          '',
          ...neo.loads.map(
            (l) =>
              `${l.graph}: imported into Neo4j in ${f(l.importSeconds)} s; the backend's projection loads cold in ${f(l.projectionSeconds)} s.`,
          ),
          ...neo.freshness.map(
            (r) =>
              `${r.graph}: a write committed by one process is in another process's projection after ${f(r.medianMs, 1)} ms (median of ${r.writes}; p99 ${f(r.p99Ms, 1)} ms).`,
          ),
          '',
          'API replicas on that Neo4j sharing one Redis (propagation at 3 hops from an ordinary entity, response cache off, connections spread evenly):',
          '',
          '| graph | replicas | connections | requests / s | p99 ms | failed |',
          '|---|---|---|---|---|---|',
          ...neo.replicas.map(
            (r) => `| ${r.graph} | ${r.replicas} | ${r.connections} | ${f(r.requestsPerSecond, 0)} | ${r.p99Ms} | ${r.failed} |`,
          ),
        ]),
    '',
    '## 4. Start-up and memory (embedded store: opening an existing graph.db in a fresh process)',
    '',
    '| graph (entities / edges) | graph.db MB | open ms (checks beside index build) | RSS MB | heap + buffers MB | RSS MB per million edges | creating graph.db (setup) s |',
    '|---|---|---|---|---|---|---|',
    ...result.embedded.startup.map(
      (r) =>
        `| ${r.graph} | ${f(r.fileMb, 0)} | ${f(r.openMs, 0)} | ${f(r.rssMb, 0)} | ${f(r.heapMb, 0)} | ${f(r.rssMbPerMillionEdges, 0)} | ${f(r.seedSeconds)} |`,
    ),
    '',
    `## 5. The GraphQL layer on the largest answer (curated graph, ${api.paths} paths, ${api.impacts} impacts, in process)`,
    '',
    '| schema | runs | median ms | p99 ms |',
    '|---|---|---|---|',
    ...result.graphqlLayer.map((r) => `| ${r.schema} | ${r.runs} | ${f(r.medianMs, 2)} | ${f(r.p99Ms, 2)} |`),
    '',
    `type-graphql adds ${f((api.medianMs / plain.medianMs - 1) * 100, 0)}% over plain \`graphql\` execution (medians).`,
    '',
    ...responseMarkdown(result.response),
    '## 7. Writes on the embedded store (one at a time through the application, fsync included, each visible to the next walk)',
    '',
    '| graph (entities / edges) | writes | median ms | p99 ms | max ms |',
    '|---|---|---|---|---|',
    ...result.embedded.writes.map((r) => `| ${r.graph} | ${r.writes} | ${f(r.medianMs, 1)} | ${f(r.p99Ms, 1)} | ${f(r.maxMs, 1)} |`),
    '',
    ...result.embedded.oneEdge.map(
      (r) =>
        `${r.corrections.toLocaleString('en')} corrections of one edge (${r.graph}) grew the files by ${f(r.grownMb, 1)} MB; the store then opened in ${f(r.openMs, 0)} ms.`,
    ),
    '',
    ...saturationMarkdown(result.saturation),
  ].join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const size = (optionValue(args, '--size') ?? 'default') as keyof typeof SIZES;
  if (!(size in SIZES)) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
  const out = optionValue(args, '--out') ?? join(PROJECT_ROOT, 'bench', 'results');
  const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
  const { graphs, runs, httpSeconds, cypherCapMs, layerRuns } = SIZES[size];
  const propagation = graphs.flatMap(([n, m]) => measurePropagation(n, m, runs, log));
  const http = await measureHttp(httpSeconds, log);
  // Section 3 on the graphs up to a million edges: a hub (n1) and an ordinary entity.
  const neo4jGraphs = graphs
    .filter(([, m]) => m <= 1_000_000)
    .map(([n, m]) => ({ label: label(n, m), snapshot: syntheticGraph(n, m), shocks: ['n1', `n${Math.floor(n / 2)}`] }));
  const neo4j = args.includes('--no-neo4j')
    ? { rows: [], loads: [], freshness: [], replicas: [], skipped: 'not asked for (--no-neo4j)' }
    : await measureNeo4j(
        neo4jGraphs,
        {
          runs: size === 'smoke' ? runs : Math.max(runs, 11),
          capMs: cypherCapMs,
          uri: optionValue(args, '--neo4j-uri'),
          replicaSeconds: Math.max(httpSeconds, 2),
        },
        log,
      );
  const embedded = await measureEmbedded(graphs, { writes: SIZES[size].writes, corrections: SIZES[size].corrections }, label, log);
  const graphqlLayer = await measureGraphqlLayer(layerRuns, log);
  const response = measureResponse(
    graphs,
    { runs: size === 'smoke' ? 1 : 3, skipScipy: size === 'smoke' ? 'not at --size smoke, to stay fast' : undefined },
    log,
  );
  const saturation = await measurePoolSaturation(httpSeconds * 2, log);
  const result: BenchResult & { size: string } = {
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    at: new Date().toISOString(),
    size,
    propagation,
    http,
    neo4j,
    embedded,
    graphqlLayer,
    response,
    saturation,
  };
  mkdirSync(out, { recursive: true });
  const stamp = result.at.replace(/[:.]/g, '-');
  writeFileSync(join(out, `bench-${stamp}.json`), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(out, `bench-${stamp}.md`), markdown(result));
  writeFileSync(join(out, 'latest.md'), markdown(result));
  console.log(markdown(result));
}

function optionValue(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args[at + 1];
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
