/**
 * Sections 4 and 7: the embedded store on SQLite.
 *   4. start-up: the time to open an existing graph.db (its start-up checks and the causal
 *      index built from it) and the memory the open store holds, each in a fresh process;
 *   7. writes: one write at a time through the application, fsync included, each checked to
 *      be visible to the next walk; and many corrections of one edge (what the file grows by,
 *      and how long the store then takes to open).
 * Run as a child with `--startup DIR` by section 4.
 */
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphWriterService } from '../src/application/graph-writer.service';
import { SqliteGraphStore } from '../src/storage/sqlite/sqlite-graph-store';
import { prng } from './prng';
import { summarize } from './stats';
import { syntheticGraph } from './synthetic-graph';

export interface StartupRow {
  graph: string;
  /** What creating graph.db from the generated graph took (setup, not start-up). */
  seedSeconds: number;
  fileMb: number;
  /** Opening the existing file: quick_check and every checksum, beside building the index. */
  openMs: number;
  rssMb: number;
  heapMb: number;
  rssMbPerMillionEdges: number;
}

export interface WriteRow {
  graph: string;
  writes: number;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
}

export interface OneEdgeRow {
  graph: string;
  corrections: number;
  grownMb: number;
  openMs: number;
}

export interface EmbeddedSection {
  startup: StartupRow[];
  writes: WriteRow[];
  oneEdge: OneEdgeRow[];
}

// An admin's change is ACTIVE at once and reaches the index; a researcher's would be a proposal (issue 17).
const ADMIN = { name: 'bench', role: 'admin' as const };

export async function measureEmbedded(
  graphs: ReadonlyArray<readonly [number, number]>,
  options: { writes: number; corrections: number },
  label: (n: number, m: number) => string,
  log: (line: string) => void,
): Promise<EmbeddedSection> {
  const section: EmbeddedSection = { startup: [], writes: [], oneEdge: [] };
  for (const [n, m] of graphs) {
    const dataDir = mkdtempSync(join(tmpdir(), 'bench-sqlite-'));
    try {
      let start = performance.now();
      const snapshot = syntheticGraph(n, m);
      const created = await SqliteGraphStore.open({ dataDir, seed: snapshot });
      await created.close();
      const seedSeconds = (performance.now() - start) / 1000;
      const fileMb = sizeOf(dataDir) / 2 ** 20;
      log(`section 4 ${label(n, m)}: graph.db created in ${seedSeconds.toFixed(1)} s (${fileMb.toFixed(0)} MB)`);

      const child = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', __filename, '--startup', dataDir], {
        encoding: 'utf8',
      });
      if (child.status !== 0) throw new Error(`start-up measurement failed: ${child.stderr}`);
      const { openMs, rssMb, heapMb } = JSON.parse(child.stdout) as Record<'openMs' | 'rssMb' | 'heapMb', number>;
      section.startup.push({ graph: label(n, m), seedSeconds, fileMb, openMs, rssMb, heapMb, rssMbPerMillionEdges: rssMb / (m / 1e6) });
      log(`section 4 ${label(n, m)}: opened in ${openMs.toFixed(0)} ms, ${rssMb.toFixed(0)} MB`);

      // Section 7: writes on the same file.
      const store = await SqliteGraphStore.open({ dataDir, seed: snapshot });
      const writer = new GraphWriterService(store);
      const rand = prng(7);
      const times: number[] = [];
      for (let i = 0; i < options.writes; i++) {
        const edge = snapshot.edges[Math.floor(rand() * snapshot.edges.length)];
        const [current] = await store.getEdges([edge.id]);
        const weight = Math.round((0.05 + 0.9 * rand()) * 1000) / 1000;
        if (weight === current!.weight) continue;
        start = performance.now();
        await writer.updateEdge(ADMIN, edge.id, { weight }, current!.revision);
        const graph = await store.causalGraph();
        times.push(performance.now() - start);
        const e = graph.edgeNumberOf(edge.id);
        if (graph.view.outF64[2 * graph.view.edgeSlot[e]] !== weight)
          throw new Error('section 7: a write was not visible to the next walk');
      }
      const { median, p99 } = summarize(times);
      section.writes.push({ graph: label(n, m), writes: times.length, medianMs: median, p99Ms: p99, maxMs: Math.max(...times) });
      log(`section 7 ${label(n, m)}: ${times.length} writes, median ${median.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`);
      await store.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  // Many corrections of one edge, on the smallest graph.
  const [n, m] = graphs[0];
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-one-edge-'));
  try {
    const snapshot = syntheticGraph(n, m);
    const store = await SqliteGraphStore.open({ dataDir, seed: snapshot });
    await store.close();
    const before = sizeOf(dataDir);
    const again = await SqliteGraphStore.open({ dataDir, seed: snapshot });
    const writer = new GraphWriterService(again);
    const id = snapshot.edges[0].id;
    for (let i = 1; i <= options.corrections; i++) {
      await writer.updateEdge(ADMIN, id, { weight: 0.5 + (i % 7) / 20 }, i);
    }
    await again.close();
    const grownMb = (sizeOf(dataDir) - before) / 2 ** 20;
    const start = performance.now();
    const reopened = await SqliteGraphStore.open({ dataDir, seed: snapshot });
    const openMs = performance.now() - start;
    await reopened.close();
    section.oneEdge.push({ graph: label(n, m), corrections: options.corrections, grownMb, openMs });
    log(
      `section 7: ${options.corrections} corrections of one edge grew the files by ${grownMb.toFixed(1)} MB; reopened in ${openMs.toFixed(0)} ms`,
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return section;
}

function sizeOf(dir: string): number {
  return readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
}

/** In a fresh process: open the store and report the time and what it retains. */
async function startupChild(dataDir: string): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc!;
  gc();
  const before = process.memoryUsage();
  const start = performance.now();
  const store = await SqliteGraphStore.open({ dataDir, seed: { entities: [], edges: [], sources: [] } });
  const openMs = performance.now() - start;
  for (let i = 0; i < 4; i++) gc();
  const after = process.memoryUsage();
  process.stdout.write(
    JSON.stringify({
      openMs,
      rssMb: (after.rss - before.rss) / 2 ** 20,
      heapMb: (after.heapUsed - before.heapUsed + after.external - before.external) / 2 ** 20,
    }),
  );
  await store.close();
}

if (require.main === module && process.argv[2] === '--startup') {
  startupChild(process.argv[3]).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
