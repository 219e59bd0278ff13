import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config';

/**
 * The load tool keeps working and keeps its promise on a short run: no failed request and
 * no lost acknowledged write, also after a restart. How many requests a second the machine
 * manages is npm run load's report, not an assertion.
 */
describe('npm run load', () => {
  it('runs a short mixed load with no failed request and no lost acknowledged write', () => {
    const out = mkdtempSync(join(tmpdir(), 'load-'));
    const run = spawnSync(
      process.execPath,
      [join(PROJECT_ROOT, 'dist', 'bench', 'load.js'), '--seconds', '3', '--connections', '20', '--out', out],
      { encoding: 'utf8', timeout: 120_000 },
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
    expect(json.problems).toEqual([]);
    expect(json.requests).toBeGreaterThan(0);
    expect(json.writes.acknowledged).toBeGreaterThan(0);
    expect(json.writes.present).toBe(json.writes.acknowledged);
    expect(json.writes.presentAfterRestart).toBe(json.writes.acknowledged);
    expect(json.failed).toEqual({ transport: 0, non2xx: 0, graphqlErrors: 0, timeouts: 0 });
  }, 150_000);
});
