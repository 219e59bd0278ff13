import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { FIXTURE } from '../support/fixture-graph';
import { csvRow, graphCli } from '../support/graph-cli';
import { describeWithNeo4j, NEO4J_TEST_URI, openNeo4jStore } from '../support/neo4j-test-store';

describeWithNeo4j('npm run graph -- export|import on Neo4j', () => {
  it('imports all rows in one transaction or none, and round-trips an export', async () => {
    const store = await openNeo4jStore(FIXTURE);
    const env = { NEO4J_URI: NEO4J_TEST_URI! };
    const dir = mkdtempSync(join(tmpdir(), 'graph-cli-neo4j-'));
    try {
      expect(graphCli(env, 'export', join(dir, 'all.json')).status).toBe(0);
      expect(graphCli(env, 'import', join(dir, 'all.json')).stdout).toMatch(/0 edge\(s\) created, 0 updated, 7 unchanged/);

      expect(graphCli(env, 'export', join(dir, 'edges.csv')).status).toBe(0);
      const row = {
        from: 'usd-jpy',
        to: 'ust-10y-yield',
        polarity: 'POSITIVE',
        weight: 0.3,
        confidence: 0.3,
        lagDays: 0,
        mechanism: 'Imported.',
        sourceId: 'great-unwind-2026',
        quote: 'q',
      };
      const csv = readFileSync(join(dir, 'edges.csv'), 'utf8');
      writeFileSync(join(dir, 'bad.csv'), `${csv}${csvRow(row)}\n${csvRow({ ...row, to: 'fed-policy-rate', weight: 0 })}\n`);
      const refused = graphCli(env, 'import', join(dir, 'bad.csv'));
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/input\.weight must be in \(0, 1\] \(got 0\)/);
      expect((await store.counts()).edges).toBe(FIXTURE.edges.length);

      writeFileSync(join(dir, 'good.csv'), `${csv}${csvRow(row)}\n`);
      expect(graphCli(env, 'import', join(dir, 'good.csv')).stdout).toMatch(/1 edge\(s\) created, 0 updated, 7 unchanged/);
      const [edge] = await store.getEdges(['usd-jpy-lifts-ust-10y-yield']);
      expect(edge).toMatchObject({ createdBy: 'import:tester', revision: 1, status: 'ACTIVE' });
      // The projection sees the import at once.
      const graph = await store.causalGraph();
      expect(graph.edgeNumberOf('usd-jpy-lifts-ust-10y-yield')).toBeGreaterThanOrEqual(0);
    } finally {
      await store.close();
    }
  });
});
