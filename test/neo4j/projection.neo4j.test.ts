import { GraphWriterService } from '../../src/application/graph-writer.service';
import { propagate } from '../../src/domain/propagation/propagate';
import { Neo4jGateway } from '../../src/storage/neo4j/neo4j-gateway';
import { Neo4jGraphStore } from '../../src/storage/neo4j/neo4j-graph-store';
import { FIXTURE } from '../support/fixture-graph';
import { describeWithNeo4j, openNeo4jStore, testConnection } from '../support/neo4j-test-store';

const RESEARCHER = { name: 'ada', role: 'admin' as const }; // an admin's writes are ACTIVE at once
const ADMIN = { name: 'grace', role: 'admin' as const };
const EDGE = {
  from: 'usd-jpy',
  to: 'ust-10y-yield',
  polarity: 'POSITIVE' as const,
  weight: 0.4,
  confidence: 0.5,
  lagDays: 3,
  mechanism: 'A stronger dollar makes Japanese holders sell Treasuries.',
  evidence: [{ sourceId: 'hayes-2024-nochu', quote: 'yields go up' }],
};
const reached = async (store: Neo4jGraphStore) =>
  propagate(await store.causalGraph(), {
    shocks: [{ entityId: 'usd-jpy', direction: 'UP', magnitude: 1 }],
    maxHops: 1,
    minStrength: 0,
    topPaths: 10,
  }).impacts.map((i) => i.entityId);

/** The index a store's projection holds right now (the object, to tell a catch-up from a reload). */
const indexOf = (store: Neo4jGraphStore) => (store as unknown as { projection?: { index: object } }).projection?.index;

describeWithNeo4j('the Neo4j projection follows the database write by write', () => {
  it("applies this process's own write to its projection, and another process catches up from the change log, both without reloading", async () => {
    const a = await openNeo4jStore(FIXTURE);
    const b = new Neo4jGraphStore(new Neo4jGateway(testConnection()));
    try {
      await a.start();
      await b.start();
      const indexA = indexOf(a);
      const indexB = indexOf(b);
      expect(await reached(b)).not.toContain('ust-10y-yield');

      const writer = new GraphWriterService(a);
      const edge = await writer.addEdge(RESEARCHER, EDGE);
      expect(await reached(a)).toContain('ust-10y-yield');
      expect(await reached(b)).toContain('ust-10y-yield');
      await writer.retractEdge(ADMIN, edge.id, 'test', 1);
      expect(await reached(b)).not.toContain('ust-10y-yield');
      await writer.upsertEntity(RESEARCHER, { id: 'gold', name: 'Gold', kind: 'ASSET', measure: 'The gold price rises.' });
      expect((await b.causalGraph()).numberOf('gold')).toBeGreaterThanOrEqual(0);

      // The same index objects, moved forward: no process loaded every edge again.
      expect(indexOf(a)).toBe(indexA);
      expect(indexOf(b)).toBe(indexB);
      expect(await b.graphVersion()).toBe(await a.graphVersion());
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('reloads whole when an import changed more than a replay should carry', async () => {
    const a = await openNeo4jStore(FIXTURE);
    const b = new Neo4jGraphStore(new Neo4jGateway(testConnection()));
    try {
      await b.start();
      const before = indexOf(b);
      await a.importSnapshot({
        sources: [],
        entities: [{ id: 'gold', name: 'Gold', kind: 'ASSET', aliases: [], measure: 'It rises.' }],
        edges: [],
      });
      expect((await b.causalGraph()).numberOf('gold')).toBeGreaterThanOrEqual(0);
      expect(indexOf(b)).not.toBe(before);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('trusting noted versions (a cluster with events flowing), reads ask Neo4j nothing: an event moves the projection, and without one the read stays put until told', async () => {
    const a = await openNeo4jStore(FIXTURE);
    const b = new Neo4jGraphStore(new Neo4jGateway(testConnection()));
    try {
      await a.start();
      await b.start();
      const indexB = indexOf(b);
      const commits: Array<{ version: number; index: object }> = [];
      a.onCommit((change, index) => commits.push({ version: Number(change.version), index }));
      b.trustNotedVersions(true);

      const edge = await new GraphWriterService(a).addEdge(RESEARCHER, EDGE);
      // Not told yet: b does not ask the database, so it still answers the version it knows.
      expect(await reached(b)).not.toContain('ust-10y-yield');
      expect(await b.graphVersion()).not.toBe(await a.graphVersion());

      // The event: its index change is applied in place (no replay, no reload).
      expect(commits).toHaveLength(1);
      b.noteVersion(commits[0].version, commits[0].index);
      expect(await reached(b)).toContain('ust-10y-yield');
      expect(indexOf(b)).toBe(indexB);
      expect(await b.graphVersion()).toBe(await a.graphVersion());

      // An event lost: told only the version, b replays the change log.
      await new GraphWriterService(a).retractEdge(ADMIN, edge.id, 'test', 1);
      b.noteVersion(commits[1].version);
      expect(await reached(b)).not.toContain('ust-10y-yield');

      // Trust off: every read asks the database again, as a single process does.
      await new GraphWriterService(a).upsertEntity(RESEARCHER, {
        id: 'gold',
        name: 'Gold',
        kind: 'ASSET',
        measure: 'The gold price rises.',
      });
      b.trustNotedVersions(false);
      expect(await b.graphVersion()).toBe(await a.graphVersion());
    } finally {
      await a.close();
      await b.close();
    }
  });
});
