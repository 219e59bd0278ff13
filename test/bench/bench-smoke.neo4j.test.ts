import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config';
import { NEO4J_TEST_URI } from '../support/neo4j-test-store';

/**
 * The benchmark's tools keep working: every section runs at the smoke size and writes its
 * rows. Speed is never asserted here (npm run bench is where speed is measured). Section 3
 * runs on the Neo4j the neo4j tier already started; without one it is skipped, except with
 * CI=true, where the tier's setup fails first.
 */
describe('npm run bench', () => {
  it('runs every section at the smoke size and writes JSON and Markdown results', () => {
    const out = mkdtempSync(join(tmpdir(), 'bench-'));
    const neo4j = NEO4J_TEST_URI ? ['--neo4j-uri', NEO4J_TEST_URI] : ['--no-neo4j'];
    const run = spawnSync(
      process.execPath,
      [join(PROJECT_ROOT, 'dist', 'bench', 'run-bench.js'), '--size', 'smoke', '--out', out, ...neo4j],
      {
        encoding: 'utf8',
        timeout: 300_000,
      },
    );
    expect({ status: run.status, stderr: run.status === 0 ? '' : run.stderr }).toEqual({ status: 0, stderr: '' });
    const json = JSON.parse(
      readFileSync(
        join(
          out,
          readdirSync(out).find((f) => f.endsWith('.json'))!,
        ),
        'utf8',
      ),
    );
    expect(json.propagation).toHaveLength(4);
    for (const row of json.propagation) expect(row).toMatchObject({ graph: '300 / 1,500', runs: 2, examinedEdges: expect.any(Number) });
    expect(json.propagation.every((r: { examinedEdges: number }) => r.examinedEdges > 0)).toBe(true);
    expect(
      json.http.map((r: { server: string; connections: number; query: string }) => `${r.server}: ${r.connections} ${r.query}`),
    ).toEqual([
      'default: 1 { __typename }',
      'default: 1 BOJ hike, 3 hops',
      'default: 50 { __typename }',
      'default: 50 BOJ hike, 3 hops',
      'response cache off: 1 BOJ hike, 3 hops',
      'response cache off: 50 BOJ hike, 3 hops',
    ]);
    expect(json.http.every((r: { requestsPerSecond: number; failed: number }) => r.requestsPerSecond > 0 && r.failed === 0)).toBe(true);
    expect(json.saturation.rows.map((r: { phase: string; probe: string }) => `${r.phase}: ${r.probe}`)).toEqual([
      'idle: GET /health',
      'idle: small query',
      'pool saturated: GET /health',
      'pool saturated: small query',
    ]);
    expect(json.saturation.rows.every((r: { requests: number; maxMs: number }) => r.requests > 0 && Number.isFinite(r.maxMs))).toBe(true);
    if (NEO4J_TEST_URI) {
      expect(json.neo4j.rows.map((r: { shock: string; maxHops: number }) => `${r.shock} ${r.maxHops}`)).toEqual([
        'n1 3',
        'n1 4',
        'n1 5',
        'n150 3',
        'n150 4',
        'n150 5',
      ]);
      // The bench itself fails when the backends disagree on a row; here, that every row was measured.
      expect(json.neo4j.rows.every((r: { paths: number; neo4jMedianMs: number }) => r.paths >= 0 && Number.isFinite(r.neo4jMedianMs))).toBe(
        true,
      );
      // With the version from change events (no Bolt round trip per walk), and API replicas sharing a Redis.
      expect(json.neo4j.rows.every((r: { eventsMedianMs: number }) => Number.isFinite(r.eventsMedianMs) && r.eventsMedianMs > 0)).toBe(
        true,
      );
      expect(json.neo4j.replicas.map((r: { replicas: number; failed: number }) => [r.replicas, r.failed])).toEqual([
        [1, 0],
        [2, 0],
      ]);
      expect(json.neo4j.replicas.every((r: { requestsPerSecond: number }) => r.requestsPerSecond > 0)).toBe(true);
    }
    expect(json.embedded.startup[0]).toMatchObject({ graph: '300 / 1,500', openMs: expect.any(Number), rssMb: expect.any(Number) });
    expect(json.embedded.writes[0]).toMatchObject({ graph: '300 / 1,500', writes: expect.any(Number), p99Ms: expect.any(Number) });
    expect(json.embedded.writes[0].writes).toBeGreaterThan(0);
    expect(json.embedded.oneEdge[0]).toMatchObject({ corrections: 100, grownMb: expect.any(Number) });
    if (NEO4J_TEST_URI)
      expect(json.neo4j.freshness[0]).toMatchObject({ graph: '300 / 1,500', writes: expect.any(Number), p99Ms: expect.any(Number) });
    expect(json.graphqlLayer.map((r: { schema: string; paths: number }) => [r.schema, r.paths])).toEqual([
      ['type-graphql (the API)', 1000],
      ['plain graphql, hand-written resolvers', 1000],
    ]);
    // Section 6: the steady state at the smoke size, without scipy (it would build a venv), and 1,000 samples on the curated graph.
    expect(json.response.steadyState).toEqual([
      expect.objectContaining({ graph: '300 / 1,500', shock: 'n1', runs: 1, scipyMsPerSweep: null, scipyOverOurs: null }),
    ]);
    const [steady] = json.response.steadyState;
    expect(steady.rows).toBeGreaterThan(200);
    expect(steady.steps).toBeGreaterThan(1);
    expect(steady.msPerSweep).toBeGreaterThan(0);
    expect(steady.totalMs).toBeGreaterThanOrEqual(steady.buildMs);
    expect(json.response.scipy).toMatch(/^skipped: not at --size smoke/);
    expect(json.response.curatedSamples).toMatchObject({ samples: 1000, runs: 3, samplesConverged: expect.any(Number) });
    expect(json.response.curatedSamples.samplesConverged).toBeGreaterThan(900);
    expect(json.response.curatedSamples.medianMs).toBeGreaterThan(0);
    expect(readFileSync(join(out, 'latest.md'), 'utf8')).toMatch(
      /## 1\. Propagation in process[^]*## 2\. Through HTTP GraphQL[^]*## 3\. Neo4j backend[^]*## 4\. Start-up and memory[^]*## 5\. The GraphQL layer[^]*## 6\. The response[^]*## 7\. Writes on the embedded store/,
    );
  }, 320_000);
});
