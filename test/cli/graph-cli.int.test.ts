import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphql, healthy, startApi } from '../support/api-process';
import { csvRow, graphCli } from '../support/graph-cli';

const NEW_ROW = {
  from: 'usd-liquidity',
  to: 'gold',
  polarity: 'POSITIVE',
  weight: 0.3,
  confidence: 0.3,
  lagDays: 0,
  mechanism: 'Imported claim.',
  sourceId: 'hayes-2025-ski-cut',
  quote: 'q',
};

describe('npm run graph -- export|import on the embedded backend', () => {
  const dir = mkdtempSync(join(tmpdir(), 'graph-cli-'));
  const env = { DATA_DIR: join(dir, 'data') };

  it('exports the graph as JSON and CSV, and imports both back without a change', () => {
    for (const name of ['graph.json', 'edges.csv']) {
      const out = graphCli(env, 'export', join(dir, name));
      expect({ status: out.status, stderr: out.stderr }).toEqual({ status: 0, stderr: '' });
      const back = graphCli(env, 'import', join(dir, name));
      expect(back.status).toBe(0);
      expect(back.stdout).toMatch(/0 edge\(s\) created, 0 updated, \d+ unchanged; 0 entity and 0 source change\(s\)/);
    }
    const json = JSON.parse(readFileSync(join(dir, 'graph.json'), 'utf8'));
    expect(json).toMatchObject({ format: 'macro-graph/v1', sources: expect.any(Array), entities: expect.any(Array) });
    expect(json.edges.length).toBeGreaterThanOrEqual(150);
  });

  it('refuses a file with any bad row, listing each, and writes nothing', () => {
    const csv = readFileSync(join(dir, 'edges.csv'), 'utf8');
    const bad = `${csv}${csvRow(NEW_ROW)}\n${csvRow({ ...NEW_ROW, to: 'nowhere' })}\n${csvRow({ ...NEW_ROW, from: 'gold', to: 'usd-liquidity', weight: 7 })}\n`;
    writeFileSync(join(dir, 'bad.csv'), bad);
    const log = join(env.DATA_DIR, 'writes.jsonl');
    const before = statSync(log).size;
    const run = graphCli(env, 'import', join(dir, 'bad.csv'));
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/import refused: 2 record\(s\) cannot be applied, so nothing was written:/);
    expect(run.stderr).toMatch(/- row \d+ \(edge usd-liquidity → nowhere\): input\.to names no entity \(got "nowhere"\)/);
    expect(run.stderr).toMatch(/- row \d+ \(edge gold → usd-liquidity\): input\.weight must be in \(0, 1\] \(got 7\)/);
    expect(statSync(log).size).toBe(before);
  });

  it('applies an edited export, and the API started on the same data serves the change', async () => {
    const csv = readFileSync(join(dir, 'edges.csv'), 'utf8').split('\n');
    const header = csv[0].split(',');
    const target = csv.findIndex((line) => line.startsWith('boj-tightening-raises-yen-funding-cost,'));
    const cells = csv[target].split(',');
    cells[header.indexOf('weight')] = '0.66';
    csv[target] = cells.join(',');
    writeFileSync(join(dir, 'edited.csv'), `${csv.join('\n').trimEnd()}\n${csvRow(NEW_ROW)}\n`);
    const run = graphCli(env, 'import', join(dir, 'edited.csv'));
    expect(run.stdout).toMatch(/1 edge\(s\) created, 1 updated/);
    expect(run.status).toBe(0);

    const api = await startApi(env);
    try {
      await healthy(api);
      const { data } = await graphql(
        api.base,
        '{ edge(id: "boj-tightening-raises-yen-funding-cost") { weight revision history { by action reason } } gold: edge(id: "usd-liquidity-lifts-gold") { createdBy } }',
      );
      expect(data.edge).toMatchObject({ weight: 0.66, revision: 2 });
      expect(data.edge.history[1]).toEqual({ by: 'import:tester', action: 'UPDATED', reason: 'imported from edited.csv' });
      expect(data.gold).toEqual({ createdBy: 'import:tester' });
      // While the API holds the data, the tool refuses to write beside it.
      const locked = graphCli(env, 'import', join(dir, 'edited.csv'));
      expect(locked.status).toBe(1);
      expect(locked.stderr).toMatch(/is in use by process \d+ \(a running API\?\)/);
    } finally {
      api.child.kill('SIGKILL');
      await api.exited;
    }
  }, 60_000);

  it('shows progress on a large file', () => {
    const rows = Array.from({ length: 2500 }, (_, i) =>
      csvRow({ ...NEW_ROW, id: `bulk-${i}`, mechanism: `Bulk ${i}.`, weight: 0.01 + (i % 90) / 100 }),
    );
    writeFileSync(
      join(dir, 'large.csv'),
      `id,from,to,polarity,weight,confidence,lagDays,mechanism,sourceId,quote,status\n${rows.join('\n')}\n`,
    );
    const run = graphCli(env, 'import', join(dir, 'large.csv'));
    expect(run.stderr).toMatch(/checked 1000\/2500[^]*checked 2000\/2500[^]*checked 2500\/2500/);
    // Every row makes the claim the previous test added, so every row is refused and nothing is written.
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/import refused: 2500 record\(s\)/);
  });
});
