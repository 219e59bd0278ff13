import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config';

describe('npm run load', () => {
  it('runs a short mixed load (100 connections) with no failed request and no lost acknowledged write', () => {
    const out = mkdtempSync(join(tmpdir(), 'load-'));
    const run = spawnSync(
      process.execPath,
      [join(PROJECT_ROOT, 'dist', 'bench', 'load.js'), '--seconds', '8', '--connections', '100', '--out', out],
      { encoding: 'utf8', timeout: 120_000 },
    );
    const json = JSON.parse(
      readFileSync(
        join(
          out,
          readdirSync(out).find((f) => f.endsWith('.json'))!,
        ),
        'utf8',
      ),
    );
    expect({ status: run.status, problems: json.problems }).toEqual({ status: 0, problems: [] });
    expect(json.requests).toBeGreaterThan(1_000);
    expect(json.writes.acknowledged).toBeGreaterThan(50);
    expect(json.writes.presentAfterRestart).toBe(json.writes.acknowledged);
    expect(json.failed).toEqual({ transport: 0, non2xx: 0, graphqlErrors: 0, timeouts: 0 });
  }, 150_000);
});
