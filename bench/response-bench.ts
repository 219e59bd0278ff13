/**
 * Section 6 of npm run bench: the response (DOMAIN.md's fuzzy cognitive map).
 *
 * - The steady state on the synthetic graphs, shocking a hub: total time (the matrix built
 *   from the index plus every sweep), sweeps, time per sweep; and the same iteration on
 *   the same matrix in scipy (CSR matrix-vector product + tanh), run side by side. The
 *   bench makes its own virtual environment for scipy under bench/.venv (python3 -m venv,
 *   pip install numpy scipy) the first time; without python3 or pip, or at --size smoke,
 *   that column is skipped with a note.
 * - 1,000 Monte-Carlo samples of the response to a BOJ hike on the curated graph.
 *
 * Run alone: node dist/bench/response-bench.js [--size smoke|small|default|large]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/config';
import { Deadline } from '../src/domain/errors';
import { CausalGraph } from '../src/domain/propagation/causal-graph';
import { buildResponseMatrix, type ResponseMatrix } from '../src/domain/response/response-matrix';
import { response } from '../src/domain/response/response';
import type { NumericResponseQuery } from '../src/domain/response/response.model';
import { MAX_STEPS, steadyState } from '../src/domain/response/steady-state';
import { readSeed } from '../src/storage/seed/read-seed';
import { syntheticGraph } from './synthetic-graph';

export interface SteadyStateRow {
  graph: string;
  shock: string;
  /** Entities the shock reaches (the rows swept) and the edges among them. */
  rows: number;
  entries: number;
  steps: number;
  converged: boolean;
  runs: number;
  /** Best of `runs`: building the matrix from the index. */
  buildMs: number;
  /** Best of `runs`: build plus every sweep. */
  totalMs: number;
  msPerSweep: number;
  scipyMsPerSweep: number | null;
  /** scipy's ms per sweep / ours: above 1, ours is faster. */
  scipyOverOurs: number | null;
  /** The largest difference between scipy's levels and ours. */
  scipyMaxDifference: number | null;
}

export interface ResponseSection {
  steadyState: SteadyStateRow[];
  /** Why the scipy column is empty, or which versions ran. */
  scipy: string;
  curatedSamples: { samples: number; runs: number; medianMs: number; bestMs: number; samplesConverged: number; entities: number };
}

/**
 * The synthetic graph's weights are scaled by this for the steady state. With 10 causes per
 * entity and weights averaging 0.5, a random map's loop gain, √(in-degree · E[w²]) ≈ 1.8, is
 * above 1, where a random tanh network is chaotic (Sompolinsky, Crisanti and Sommers, 1988):
 * the iteration never settles (on 10^5 / 10^6 the largest change stays near 0.2 after 1500
 * steps). Halved, the gain is 0.89, close to the curated graph's (2.5 causes per entity,
 * E[w²] = 0.29: 0.85), where a steady state exists.
 */
export const WEIGHT_SCALE = 0.5;

const VENV = join(PROJECT_ROOT, 'bench', '.venv');
const PYTHON = join(VENV, 'bin', 'python');

/** A python with numpy and scipy, set up on first use; or the reason there is none. */
function scipyPython(log: (line: string) => void): { python: string } | { skipped: string } {
  const works = () => existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import numpy, scipy'], { encoding: 'utf8' }).status === 0;
  if (works()) return { python: PYTHON };
  if (spawnSync('python3', ['--version'], { encoding: 'utf8' }).status !== 0) return { skipped: 'python3 is not installed' };
  log(`creating ${VENV} with numpy and scipy (once)`);
  const venv = spawnSync('python3', ['-m', 'venv', VENV], { encoding: 'utf8' });
  if (venv.status !== 0) return { skipped: `python3 -m venv failed: ${venv.stderr.trim().split('\n').pop()}` };
  const pip = spawnSync(join(VENV, 'bin', 'pip'), ['install', '--quiet', 'numpy', 'scipy'], { encoding: 'utf8', timeout: 600_000 });
  if (pip.status !== 0 || !works()) return { skipped: `pip install numpy scipy failed: ${(pip.stderr ?? '').trim().split('\n').pop()}` };
  return { python: PYTHON };
}

/** The matrix and our levels, as fcm_scipy.py reads them. */
function writeMatrix(path: string, m: ResponseMatrix, levels: Float64Array): void {
  const rows = m.size - m.shockCount;
  const entries = m.weight.length;
  const parts = [
    Buffer.from(Int32Array.from([rows, m.size, m.shockCount, entries, MAX_STEPS]).buffer),
    Buffer.from(m.rowStart.buffer, m.rowStart.byteOffset, m.rowStart.byteLength),
    Buffer.from(m.source.buffer, m.source.byteOffset, m.source.byteLength),
    Buffer.from(m.weight.buffer, m.weight.byteOffset, m.weight.byteLength),
    Buffer.from(m.shockLevel.buffer, m.shockLevel.byteOffset, m.shockLevel.byteLength),
    Buffer.from(levels.buffer, levels.byteOffset, levels.byteLength),
  ];
  writeFileSync(path, Buffer.concat(parts));
}

function measureSteadyState(n: number, m: number, runs: number, python: string | null, log: (line: string) => void): SteadyStateRow {
  const snapshot = syntheticGraph(n, m);
  const graph = CausalGraph.of(
    snapshot.entities.map((e) => e.id),
    snapshot.edges.map((e) => ({ ...e, weight: e.weight * WEIGHT_SCALE })),
  );
  const shock = 'n1';
  const query: NumericResponseQuery = {
    shocks: [{ node: graph.numberOf(shock), sign: 1, magnitude: 1 }],
    disabledEntities: [],
    disabledEdges: [],
    includeProposed: false,
    horizonDays: 0,
    adjustmentDays: 1,
    samples: 0,
    seed: 1,
  };
  let buildMs = Infinity;
  let totalMs = Infinity;
  let msPerSweep = Infinity;
  let matrix: ResponseMatrix | undefined;
  let state: ReturnType<typeof steadyState> | undefined;
  for (let run = 0; run < runs + 1; run++) {
    const start = performance.now();
    matrix = buildResponseMatrix(graph.view, query, Deadline.NONE);
    const built = performance.now();
    state = steadyState(matrix, matrix.weight, Deadline.NONE);
    const end = performance.now();
    if (run === 0) continue; // warm-up: let the JIT compile the sweep
    buildMs = Math.min(buildMs, built - start);
    totalMs = Math.min(totalMs, end - start);
    msPerSweep = Math.min(msPerSweep, (end - built) / state.steps);
  }
  const row: SteadyStateRow = {
    graph: `${n.toLocaleString('en')} / ${m.toLocaleString('en')}`,
    shock,
    rows: matrix!.size - matrix!.shockCount,
    entries: matrix!.weight.length,
    steps: state!.steps,
    converged: state!.converged,
    runs,
    buildMs,
    totalMs,
    msPerSweep,
    scipyMsPerSweep: null,
    scipyOverOurs: null,
    scipyMaxDifference: null,
  };
  if (python) {
    const dir = mkdtempSync(join(tmpdir(), 'fcm-'));
    try {
      const file = join(dir, 'matrix.bin');
      writeMatrix(file, matrix!, state!.levels);
      const run = spawnSync(python, [join(PROJECT_ROOT, 'bench', 'fcm_scipy.py'), file, String(runs)], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`fcm_scipy.py failed: ${run.stderr}`);
      const scipy = JSON.parse(run.stdout) as { steps: number; msPerSweep: number; maxDifference: number };
      if (scipy.steps !== row.steps) log(`scipy took ${scipy.steps} steps, ours ${row.steps}`);
      row.scipyMsPerSweep = scipy.msPerSweep;
      row.scipyOverOurs = scipy.msPerSweep / msPerSweep;
      row.scipyMaxDifference = scipy.maxDifference;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  log(
    `steady state ${row.graph} (${row.rows.toLocaleString('en')} rows, ${row.entries.toLocaleString('en')} entries): ${row.steps} steps` +
      `${row.converged ? '' : ' (not converged)'}, ${totalMs.toFixed(0)} ms, ${msPerSweep.toFixed(2)} ms/sweep` +
      (row.scipyMsPerSweep === null ? '' : `; scipy ${row.scipyMsPerSweep.toFixed(2)} ms/sweep (${row.scipyOverOurs!.toFixed(2)}×)`),
  );
  return row;
}

function measureCuratedSamples(runs: number, log: (line: string) => void): ResponseSection['curatedSamples'] {
  const seed = readSeed(join(PROJECT_ROOT, 'seed'));
  const graph = CausalGraph.of(
    seed.entities.map((e) => e.id),
    seed.edges,
  );
  const samples = 1000;
  const ask = (s: number) =>
    response(graph, {
      shocks: [{ entityId: 'boj-policy-rate', direction: 'UP', magnitude: 1 }],
      horizonDays: 90,
      adjustmentDays: 5,
      samples,
      seed: s,
    });
  ask(1); // warm-up
  const times: number[] = [];
  let last: ReturnType<typeof ask> | undefined;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    last = ask(run + 2);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const row = {
    samples,
    runs,
    medianMs: times[Math.floor(runs / 2)],
    bestMs: times[0],
    samplesConverged: last!.samplesConverged,
    entities: last!.entities.length,
  };
  log(`response to a BOJ hike with ${samples} samples (curated graph): median ${row.medianMs.toFixed(0)} ms`);
  return row;
}

export function measureResponse(
  graphs: ReadonlyArray<readonly [number, number]>,
  options: { runs: number; skipScipy?: string },
  log: (line: string) => void,
): ResponseSection {
  const found = options.skipScipy ? { skipped: options.skipScipy } : scipyPython(log);
  const python = 'python' in found ? found.python : null;
  const steady = graphs.map(([n, m]) => measureSteadyState(n, m, options.runs, python, log));
  let scipy = 'skipped' in found ? `skipped: ${found.skipped}` : 'ran';
  if (python) {
    const versions = spawnSync(python, ['-c', 'import numpy, scipy; print(numpy.__version__, scipy.__version__)'], { encoding: 'utf8' });
    const [numpy, scipyVersion] = versions.stdout.trim().split(' ');
    scipy = `numpy ${numpy}, scipy ${scipyVersion} (${PYTHON.replace(`${PROJECT_ROOT}/`, '')})`;
  }
  return { steadyState: steady, scipy, curatedSamples: measureCuratedSamples(Math.max(3, options.runs), log) };
}

/** Section 6 as Markdown. */
export function responseMarkdown(section: ResponseSection): string[] {
  const f = (x: number | null, d = 2) => (x === null ? '—' : x.toFixed(d));
  const c = section.curatedSamples;
  return [
    '## 6. The response: steady state against scipy, and Monte-Carlo samples',
    '',
    `Steady state from a shock to a hub (n1) on the synthetic graphs with their weights × ${WEIGHT_SCALE} (at full weight a random map this dense is chaotic and never settles; see bench/response-bench.ts), the halfway iteration to 1e-9 or ${MAX_STEPS} steps; best of the runs. scipy: ${section.scipy}.`,
    '',
    '| graph (entities / edges) | rows | entries | steps | total ms (build + sweeps) | build ms | ms / sweep | scipy ms / sweep | scipy / ours | max difference |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...section.steadyState.map(
      (r) =>
        `| ${r.graph} | ${r.rows.toLocaleString('en')} | ${r.entries.toLocaleString('en')} | ${r.steps}${r.converged ? '' : ' (not converged)'} | ${f(r.totalMs, 0)} | ${f(r.buildMs, 0)} | ${f(r.msPerSweep)} | ${f(r.scipyMsPerSweep)} | ${f(r.scipyOverOurs)} | ${r.scipyMaxDifference === null ? '—' : r.scipyMaxDifference.toExponential(1)} |`,
    ),
    '',
    `Response to a BOJ hike on the curated graph with ${c.samples} samples (90-day series included): median ${f(c.medianMs, 0)} ms, best ${f(c.bestMs, 0)} ms over ${c.runs} runs; ${c.samplesConverged} of ${c.samples} draws converged; ${c.entities} entities move.`,
    '',
  ];
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--size');
  const size = at < 0 ? 'default' : args[at + 1];
  const graphs: Array<[number, number]> =
    size === 'smoke'
      ? [[300, 1_500]]
      : size === 'small'
        ? [[1_000, 10_000]]
        : size === 'large'
          ? [
              [1_000, 10_000],
              [100_000, 1_000_000],
              [1_000_000, 5_000_000],
            ]
          : [
              [1_000, 10_000],
              [100_000, 1_000_000],
            ];
  const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
  const section = measureResponse(graphs, { runs: 3, skipScipy: size === 'smoke' ? 'not at --size smoke' : undefined }, log);
  console.log(responseMarkdown(section).join('\n'));
}
