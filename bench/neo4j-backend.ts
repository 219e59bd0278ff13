import neo4j from 'neo4j-driver';
import type { GraphSnapshot } from '../src/domain/model/graph-snapshot';
import { propagate } from '../src/domain/propagation/propagate';
import type { PropagationQuery } from '../src/domain/propagation/propagation.model';
import type { GraphBackend } from '../src/application/ports/graph-backend';
import { SqliteGraphStore } from '../src/storage/sqlite/sqlite-graph-store';
import { cypher } from '../src/storage/neo4j/cypher/cypher-query';
import { Neo4jGateway } from '../src/storage/neo4j/neo4j-gateway';
import { Neo4jGraphStore } from '../src/storage/neo4j/neo4j-graph-store';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/config';
import { freePort } from '../test/support/free-port';
import type { RunningNeo4j, StartOptions } from '../test/support/neo4j-launcher';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startNeo4j } = require(join(PROJECT_ROOT, 'neo4j-server', 'launcher.js')) as {
  startNeo4j(this: void, options?: StartOptions): Promise<RunningNeo4j>;
};
import { summarize } from './stats';
import { GraphWriterService } from '../src/application/graph-writer.service';
import { measureReplicas, type ReplicaRow } from './replicas';

export interface Neo4jRow {
  graph: string;
  shock: string;
  maxHops: number;
  paths: number;
  embeddedMedianMs: number;
  neo4jMedianMs: number;
  /** Neo4j backend / embedded, medians. */
  backendRatio: number;
  /** The Neo4j backend with the version taken from change events (REDIS_URL, events flowing): no Bolt round trip per walk. */
  eventsMedianMs: number;
  /** That / embedded, medians. */
  eventsRatio: number;
  /** The plain Cypher's median, or null when it was stopped. */
  cypherMedianMs: number | null;
  cypherCapMs: number;
  /** Why the plain Cypher was stopped: 'cap' (it ran past cypherCapMs), 'out of memory', …; null when it finished. */
  cypherStopped: string | null;
  /** Plain Cypher / Neo4j backend; with a capped Cypher, the lower bound cap / backend. */
  cypherRatio: number;
}

/** From one process's commit to another process's projection being current. */
export interface FreshnessRow {
  graph: string;
  writes: number;
  medianMs: number;
  p99Ms: number;
}

export interface Neo4jSection {
  rows: Neo4jRow[];
  /** Seconds to import each graph into Neo4j, and to load the backend's projection cold. */
  loads: Array<{ graph: string; importSeconds: number; projectionSeconds: number }>;
  freshness: FreshnessRow[];
  /** Throughput of API replicas on this Neo4j sharing a Redis (the first graph only). */
  replicas: ReplicaRow[];
  skipped?: string;
}

const MIN_STRENGTH = 0.01;
const TOP = 25;

/** What a Neo4j user would write: every simple path up to k, strength as the product of weights. */
const PLAIN_CYPHER = (k: number) => `
  MATCH p = (s:Entity {id: $id})-[:CAUSES*1..${k}]->(:Entity)
  WHERE all(n IN nodes(p) WHERE single(m IN nodes(p) WHERE m = n))
  WITH p, reduce(x = 1.0, r IN relationships(p) | x * r.weight) AS strength
  WHERE strength >= $min
  RETURN [n IN nodes(p) | n.id] AS ids, strength
  ORDER BY strength DESC, size(ids), ids
  LIMIT $top`;

async function timeBackend(store: GraphBackend, query: PropagationQuery, runs: number): Promise<{ medianMs: number; paths: number }> {
  const once = async () => propagate(await store.causalGraph(), query);
  let result = await once(); // warm
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = await once();
    times.push(performance.now() - start);
  }
  return { medianMs: summarize(times).median, paths: result.impacts.reduce((n, x) => n + x.pathCount, 0) };
}

/**
 * Section 3: one real Neo4j (started here, on a free port, in a temporary directory) holds
 * each graph. For a hub and an ordinary entity at k = 3, 4, 5: the Neo4j backend (a version
 * check, then the walk on its projection, warm) against the embedded store on the same graph,
 * and against the plain variable-length Cypher, stopped at `capMs`.
 */
export async function measureNeo4j(
  graphs: ReadonlyArray<{ label: string; snapshot: GraphSnapshot; shocks: string[] }>,
  options: { runs: number; capMs: number; uri?: string; replicaSeconds: number },
  log: (line: string) => void,
): Promise<Neo4jSection> {
  const section: Neo4jSection = { rows: [], loads: [], freshness: [], replicas: [] };
  if (options.uri) {
    // A database someone else started (the test harness's): emptied before each graph.
    for (const graph of graphs) {
      const gateway = new Neo4jGateway({ uri: options.uri, user: 'neo4j', password: '', database: 'neo4j' });
      await gateway.write((run) => run(cypher('MATCH (n) DETACH DELETE n')), 120_000);
      await gateway.close();
      await measureOn(options.uri, graph, options, section, log);
    }
    return section;
  }
  for (const graph of graphs) {
    // A fresh server per graph: emptying a million-edge graph costs more than a restart.
    let server: RunningNeo4j;
    try {
      server = await startNeo4j({ port: await freePort(), log: () => {} });
    } catch (error) {
      if (process.env.CI === 'true') throw error;
      const reason = `Neo4j could not start here: ${(error as Error).message}`;
      log(`section 3 skipped: ${reason}`);
      return { rows: [], loads: [], freshness: [], replicas: [], skipped: reason };
    }
    try {
      await measureOn(server.uri, graph, options, section, log);
    } finally {
      await server.stop();
    }
  }
  return section;
}

async function measureOn(
  uri: string,
  { label, snapshot, shocks }: { label: string; snapshot: GraphSnapshot; shocks: string[] },
  options: { runs: number; capMs: number; replicaSeconds: number },
  section: Neo4jSection,
  log: (line: string) => void,
): Promise<void> {
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', ''), { disableLosslessIntegers: true });
  try {
    const gateway = new Neo4jGateway({ uri, user: 'neo4j', password: '', database: 'neo4j' });
    const store = new Neo4jGraphStore(gateway);
    await store.ensureSchema();
    let start = performance.now();
    let shown = 0;
    await store.importSnapshot(snapshot, (done, total) => {
      if (done === total || done - shown >= total / 10) {
        shown = done;
        log(`section 3 ${label}: imported ${done.toLocaleString('en')} / ${total.toLocaleString('en')} records`);
      }
    });
    const importSeconds = (performance.now() - start) / 1000;
    start = performance.now();
    await store.causalGraph();
    const projectionSeconds = (performance.now() - start) / 1000;
    section.loads.push({ graph: label, importSeconds, projectionSeconds });
    log(`section 3 ${label}: import ${importSeconds.toFixed(1)} s, projection ${projectionSeconds.toFixed(1)} s`);
    // Warm the JVM and the driver: a fresh Neo4j runs its first thousands of statements slowly.
    for (let i = 0; i < Math.min(2_000, options.runs * 200); i++) await store.causalGraph();
    const embedded = SqliteGraphStore.inMemory(snapshot);

    for (const shock of shocks) {
      for (const k of [3, 4, 5]) {
        const query: PropagationQuery = {
          shocks: [{ entityId: shock, direction: 'UP', magnitude: 1 }],
          maxHops: k,
          minStrength: MIN_STRENGTH,
          topPaths: TOP,
        };
        const mem = await timeBackend(embedded, query, options.runs);
        const neo = await timeBackend(store, query, options.runs);
        // As in a cluster whose change events flow: the version is known without asking.
        store.trustNotedVersions(true);
        const events = await timeBackend(store, query, options.runs);
        store.trustNotedVersions(false);
        if (neo.paths !== mem.paths || events.paths !== mem.paths)
          throw new Error(`section 3: the backends disagree on ${shock} at k=${k}`);
        const cypherTimes: number[] = [];
        let stopped: string | null = null;
        for (let i = 0; i < 3 && stopped === null; i++) {
          const session = driver.session();
          const t = performance.now();
          try {
            await session.run(PLAIN_CYPHER(k), { id: shock, min: MIN_STRENGTH, top: neo4j.int(TOP) }, { timeout: options.capMs });
            if (i > 0) cypherTimes.push(performance.now() - t); // the first run plans and warms
          } catch (error) {
            const code = (error as { code?: string }).code ?? '';
            stopped = /TimedOut|Terminated/i.test(code) ? 'cap' : /Memory/i.test(code) ? 'out of memory' : `failed (${code})`;
          } finally {
            await session.close();
          }
        }
        const cypherMedianMs = stopped !== null ? null : summarize(cypherTimes).median;
        const row: Neo4jRow = {
          graph: label,
          shock,
          maxHops: k,
          paths: neo.paths,
          embeddedMedianMs: mem.medianMs,
          neo4jMedianMs: neo.medianMs,
          backendRatio: neo.medianMs / mem.medianMs,
          eventsMedianMs: events.medianMs,
          eventsRatio: events.medianMs / mem.medianMs,
          cypherMedianMs,
          cypherCapMs: options.capMs,
          cypherStopped: stopped,
          cypherRatio: (cypherMedianMs ?? options.capMs) / neo.medianMs,
        };
        log(
          `section 3 ${label} ${shock} k=${k}: embedded ${mem.medianMs.toFixed(2)} ms, Neo4j backend ${neo.medianMs.toFixed(2)} ms ` +
            `(${events.medianMs.toFixed(2)} ms with the version from events), ` +
            `plain Cypher ${cypherMedianMs === null ? `stopped: ${stopped}` : `${cypherMedianMs.toFixed(1)} ms`}`,
        );
        section.rows.push(row);
      }
    }
    section.freshness.push(await measureFreshness(uri, store, label, snapshot, options.runs * 5, log));
    await store.close();
    if (section.replicas.length === 0) {
      section.replicas.push(
        ...(await measureReplicas(uri, label, shocks[1] ?? shocks[0], { seconds: options.replicaSeconds, connections: 8 }, log)),
      );
    }
  } finally {
    await driver.close();
  }
}

/**
 * A write through one store (one API process) and the time until a second store on the same
 * database (another process) answers with it: its next causalGraph() sees the version moved
 * and replays the change log.
 */
async function measureFreshness(
  uri: string,
  writerStore: Neo4jGraphStore,
  label: string,
  snapshot: GraphSnapshot,
  writes: number,
  log: (line: string) => void,
): Promise<FreshnessRow> {
  const other = new Neo4jGraphStore(new Neo4jGateway({ uri, user: 'neo4j', password: '', database: 'neo4j' }));
  try {
    await other.start();
    const writer = new GraphWriterService(writerStore);
    const times: number[] = [];
    for (let i = 0; i < writes; i++) {
      const id = snapshot.edges[i % snapshot.edges.length].id;
      const [current] = await writerStore.getEdges([id]);
      const weight = current!.weight === 0.5 ? 0.6 : 0.5;
      // An admin's change is ACTIVE at once; a researcher's would wait for review (issue 17).
      await writer.updateEdge({ name: 'bench', role: 'admin' }, id, { weight }, current!.revision);
      const committed = performance.now();
      for (;;) {
        const graph = await other.causalGraph();
        if (graph.view.outF64[2 * graph.view.edgeSlot[graph.edgeNumberOf(id)]] === weight) break;
        if (performance.now() - committed > 30_000)
          throw new Error(`section 3: another process did not see ${id}'s committed weight within 30 s`);
      }
      times.push(performance.now() - committed);
    }
    const { median, p99 } = summarize(times);
    log(`section 3 ${label}: another process's projection current ${median.toFixed(1)} ms after a commit (p99 ${p99.toFixed(1)} ms)`);
    return { graph: label, writes, medianMs: median, p99Ms: p99 };
  } finally {
    await other.close();
  }
}
