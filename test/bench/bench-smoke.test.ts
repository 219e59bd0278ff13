import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config';

describe('npm run bench', () => {
  it('runs its small size end to end and writes JSON and Markdown results (no timing is asserted)', () => {
    const out = mkdtempSync(join(tmpdir(), 'bench-'));
    const run = spawnSync(process.execPath, [join(PROJECT_ROOT, 'dist', 'bench', 'run-bench.js'), '--size', 'small', '--out', out], { encoding: 'utf8', timeout: 120_000 });
    expect({ status: run.status, stderr: run.status === 0 ? '' : run.stderr }).toEqual({ status: 0, stderr: '' });
    const files = readdirSync(out);
    const json = JSON.parse(readFileSync(join(out, files.find((f) => f.endsWith('.json'))!), 'utf8'));
    expect(json.propagation).toHaveLength(4);
    for (const row of json.propagation) expect(row).toMatchObject({ graph: '1,000 / 10,000', runs: 5, examinedEdges: expect.any(Number) });
    expect(json.propagation.every((r: { examinedEdges: number }) => r.examinedEdges > 0)).toBe(true);
    expect(json.http.map((r: { connections: number; query: string }) => `${r.connections} ${r.query}`)).toEqual(['1 { __typename }', '1 BOJ hike, 3 hops', '50 { __typename }', '50 BOJ hike, 3 hops']);
    expect(json.http.every((r: { requestsPerSecond: number; failed: number }) => r.requestsPerSecond > 0 && r.failed === 0)).toBe(true);
    expect(json.startup[0]).toMatchObject({ graph: '1,000 / 10,000', rssMb: expect.any(Number) });
    expect(readFileSync(join(out, 'latest.md'), 'utf8')).toMatch(/## 1\. Propagation in process[^]*## 2\. Through HTTP GraphQL[^]*## 4\. Start-up and memory/);
  }, 180_000);
});
