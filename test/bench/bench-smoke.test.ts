import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config';

describe('npm run bench', () => {
  it('runs its small size end to end and writes JSON and Markdown results (no timing is asserted)', () => {
    const out = mkdtempSync(join(tmpdir(), 'bench-'));
    const run = spawnSync(process.execPath, [join(PROJECT_ROOT, 'dist', 'bench', 'run-bench.js'), '--size', 'small', '--out', out], {
      encoding: 'utf8',
      timeout: 300_000,
    });
    expect({ status: run.status, stderr: run.status === 0 ? '' : run.stderr }).toEqual({ status: 0, stderr: '' });
    const files = readdirSync(out);
    const json = JSON.parse(
      readFileSync(
        join(
          out,
          files.find((f) => f.endsWith('.json'))!,
        ),
        'utf8',
      ),
    );
    expect(json.propagation).toHaveLength(4);
    for (const row of json.propagation) expect(row).toMatchObject({ graph: '1,000 / 10,000', runs: 5, examinedEdges: expect.any(Number) });
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
    // Section 3 needs Java for its Neo4j; with CI=true it must have run.
    if (process.env.CI === 'true' || !json.neo4j.skipped) {
      expect(json.neo4j.rows.map((r: { shock: string; maxHops: number }) => `${r.shock} ${r.maxHops}`)).toEqual([
        'n1 3',
        'n1 4',
        'n1 5',
        'n500 3',
        'n500 4',
        'n500 5',
      ]);
      expect(json.neo4j.rows.every((r: { paths: number; neo4jMedianMs: number }) => r.paths > 0 && r.neo4jMedianMs > 0)).toBe(true);
    }
    expect(json.startup[0]).toMatchObject({ graph: '1,000 / 10,000', rssMb: expect.any(Number) });
    expect(json.graphqlLayer.map((r: { schema: string; paths: number }) => [r.schema, r.paths])).toEqual([
      ['type-graphql (the API)', 1000],
      ['plain graphql, hand-written resolvers', 1000],
    ]);
    expect(readFileSync(join(out, 'latest.md'), 'utf8')).toMatch(
      /## 1\. Propagation in process[^]*## 2\. Through HTTP GraphQL[^]*## 3\. Neo4j backend[^]*## 4\. Start-up and memory[^]*## 5\. The GraphQL layer/,
    );
  }, 330_000);
});
