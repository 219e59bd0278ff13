import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphql, healthy, startApi } from '../support/api-process';
import { csvRow, graphCli } from '../support/graph-cli';
import { sharedPath } from '../support/shared-dir';

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

/** A data directory of its own, seeded, with the graph exported as CSV beside it. */
function exported(name: string): { dir: string; env: { DATA_DIR: string }; csv: string } {
  const dir = mkdtempSync(join(tmpdir(), `graph-cli-${name}-`));
  const env = { DATA_DIR: join(dir, 'data') };
  const out = graphCli(env, 'export', join(dir, 'edges.csv'));
  expect({ status: out.status, stderr: out.stderr.replace(/^\[export\] .*is new: loading the seed\n/, '') }).toEqual({
    status: 0,
    stderr: '',
  });
  return { dir, env, csv: readFileSync(join(dir, 'edges.csv'), 'utf8') };
}

const fileSizes = (dataDir: string) =>
  ['graph.db', 'graph.db-wal'].map((f) => {
    try {
      return statSync(join(dataDir, f)).size;
    } catch {
      return 0;
    }
  });

describe('npm run graph -- export|import|backup|restore on the embedded backend', () => {
  it('exports the graph as JSON and CSV, and imports both back without a change', () => {
    const { dir, env } = exported('roundtrip');
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
    const { dir, env, csv } = exported('bad');
    const bad = `${csv}${csvRow(NEW_ROW)}\n${csvRow({ ...NEW_ROW, to: 'nowhere' })}\n${csvRow({ ...NEW_ROW, from: 'gold', to: 'usd-liquidity', weight: 7 })}\n`;
    writeFileSync(join(dir, 'bad.csv'), bad);
    const before = fileSizes(env.DATA_DIR);
    const run = graphCli(env, 'import', join(dir, 'bad.csv'));
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/import refused: 2 record\(s\) cannot be applied, so nothing was written:/);
    expect(run.stderr).toMatch(/- row \d+ \(edge usd-liquidity → nowhere\): input\.to names no entity \(got "nowhere"\)/);
    expect(run.stderr).toMatch(/- row \d+ \(edge gold → usd-liquidity\): input\.weight must be in \(0, 1\] \(got 7\)/);
    expect(fileSizes(env.DATA_DIR)).toEqual(before);
  });

  it('applies an edited export, and the API started on the same data serves the change', async () => {
    const { dir, env, csv } = exported('edited');
    const lines = csv.split('\n');
    const header = lines[0].split(',');
    const target = lines.findIndex((line) => line.startsWith('boj-tightening-raises-yen-funding-cost,'));
    const cells = lines[target].split(',');
    cells[header.indexOf('weight')] = '0.66';
    lines[target] = cells.join(',');
    writeFileSync(join(dir, 'edited.csv'), `${lines.join('\n').trimEnd()}\n${csvRow(NEW_ROW)}\n`);
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
      // While the API holds the data, the tool refuses to write beside it, but reads: export works.
      const locked = graphCli(env, 'import', join(dir, 'edited.csv'));
      expect(locked.status).toBe(1);
      expect(locked.stderr).toMatch(/is in use by another process \(a running API, or npm run graph\)/);
      const exportedAgain = graphCli(env, 'export', join(dir, 'while-running.json'));
      expect(exportedAgain.status).toBe(0);
      expect(JSON.parse(readFileSync(join(dir, 'while-running.json'), 'utf8')).edges.map((e: { id: string }) => e.id)).toContain(
        'usd-liquidity-lifts-gold',
      );
    } finally {
      api.child.kill('SIGKILL');
      await api.exited;
    }
  }, 60_000);

  it('shows progress on a large file', () => {
    const { dir, env } = exported('large');
    // Every row makes a claim the seed already makes (BOJ tightening lifts yen funding costs), so every row is refused.
    const rows = Array.from({ length: 2500 }, (_, i) =>
      csvRow({
        ...NEW_ROW,
        from: 'boj-policy-rate',
        to: 'yen-funding-cost',
        id: `bulk-${i}`,
        mechanism: `Bulk ${i}.`,
        weight: 0.01 + (i % 90) / 100,
      }),
    );
    writeFileSync(
      join(dir, 'large.csv'),
      `id,from,to,polarity,weight,confidence,lagDays,mechanism,sourceId,quote,status\n${rows.join('\n')}\n`,
    );
    const run = graphCli(env, 'import', join(dir, 'large.csv'));
    expect(run.stderr).toMatch(/checked 1000\/2500[^]*checked 2000\/2500[^]*checked 2500\/2500/);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/import refused: 2500 record\(s\)/);
  });

  it('backs up while the API runs and writes, and restores into an empty DATA_DIR the very same graph', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'graph-cli-backup-'));
    const env = { DATA_DIR: join(dir, 'data'), API_TOKENS: 'cli-token:admin:grace' };
    const api = await startApi(env);
    try {
      await healthy(api);
      const retract = await graphql(
        api.base,
        'mutation { retractEdge(id: "boj-tightening-raises-yen-funding-cost", reason: "for the test", expectedRevision: 1) { status } }',
        undefined,
        'cli-token',
      );
      expect(retract.data).toEqual({ retractEdge: { status: 'RETRACTED' } });
      const backup = graphCli(env, 'backup', join(dir, 'graph.backup'));
      expect({ status: backup.status, stderr: backup.stderr.replace(/\[backup\] copied .*\n/g, '') }).toEqual({ status: 0, stderr: '' });
      expect(backup.stdout).toMatch(/backed up .* to .*graph\.backup: \d+ pages, \d+ entities, \d+ edges, \d+ revisions/);
      expect(graphCli(env, 'export', join(dir, 'live.json')).status).toBe(0);
    } finally {
      api.child.kill('SIGTERM');
      await api.exited;
    }
    const restoredEnv = { DATA_DIR: join(dir, 'restored') };
    const restore = graphCli(restoredEnv, 'restore', join(dir, 'graph.backup'));
    expect(restore.status).toBe(0);
    expect(graphCli(restoredEnv, 'export', join(dir, 'restored.json')).status).toBe(0);
    const read = (name: string) => ({ ...JSON.parse(readFileSync(join(dir, name), 'utf8')), exportedAt: undefined });
    const live = read('live.json');
    const restored = read('restored.json');
    expect(restored).toEqual(live);
    const retracted = restored.edges.find((e: { id: string }) => e.id === 'boj-tightening-raises-yen-funding-cost');
    expect(retracted).toMatchObject({ status: 'RETRACTED' });
    // Restoring over a graph is refused: the user moves it aside first.
    const again = graphCli(restoredEnv, 'restore', join(dir, 'graph.backup'));
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/exists: restore into an empty DATA_DIR/);
    // A backup that was changed behind the API's back is refused too.
    const tampered = join(dir, 'tampered.backup');
    writeFileSync(tampered, readFileSync(join(dir, 'graph.backup')));
    const db = new Database(tampered);
    db.exec("UPDATE entities SET name = 'Bank of Nowhere' WHERE id = 'bank-of-japan'");
    db.close();
    const refused = graphCli({ DATA_DIR: join(dir, 'other') }, 'restore', tampered);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/tampered\.backup is damaged: the record checksums found 1 problem\(s\):\n {2}- entity bank-of-japan/);
  }, 120_000);
});

describe('npm run graph -- source-text|seed-texts|suggest on the embedded backend', () => {
  it("gives the seed's sources their articles, then refuses an import citing them with a quote they lack", () => {
    const { dir, env, csv } = exported('texts');
    const set = graphCli(env, 'seed-texts', sharedPath('articles'));
    expect(set.status).toBe(0);
    expect(set.stdout.trim().split('\n')).toHaveLength(5);
    expect(set.stdout).toMatch(/^hayes-2025-ski-cut: \d+ characters, sha256 [0-9a-f]{64}, revision 2$/m);
    writeFileSync(join(dir, 'misquote.csv'), `${csv}${csvRow({ ...NEW_ROW, quote: 'Nothing of the sort was ever written.' })}\n`);
    const refused = graphCli(env, 'import', join(dir, 'misquote.csv'));
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/quote is not verbatim in the text of source hayes-2025-ski-cut.*closest passage is "/);
    const again = graphCli(env, 'seed-texts', sharedPath('articles'));
    expect(again.stdout).toMatch(/^hayes-2025-ski-cut: \d+ characters, sha256 [0-9a-f]{64}, revision 2$/m); // same text: no new revision
  });

  it('sets a text from a file, refuses one lacking a quote already cited, and suggests claims from it', () => {
    const { dir, env } = exported('suggest');
    const file = join(dir, 'article.txt');
    writeFileSync(file, 'No quote of the seed is here.');
    const lacking = graphCli(env, 'source-text', 'great-unwind-2026', file);
    expect(lacking.status).toBe(1);
    expect(lacking.stderr).toMatch(/text lacks a quote edge \S+ cites from source great-unwind-2026/);
    const set = graphCli(env, 'seed-texts', sharedPath('articles'));
    expect(set.status).toBe(0);
    const out = graphCli(env, 'suggest', 'great-unwind-2026', '5');
    expect(out.status).toBe(0);
    const lines = out.stdout.split('\n').filter((l) => /^\s+\d+\. /.test(l));
    expect(lines).toHaveLength(5);
    expect(out.stdout).toMatch(/\[in the graph: [a-z0-9-]+\]/);
    expect(graphCli(env, 'suggest', 'no-such-source').stderr).toMatch(/sourceId names no source/);
  });
});
