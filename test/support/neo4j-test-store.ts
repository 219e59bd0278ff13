import type { GraphSnapshot } from '../../src/domain/model/graph-snapshot';
import { cypher } from '../../src/storage/neo4j/cypher/cypher-query';
import { Neo4jGateway, type Neo4jConnection } from '../../src/storage/neo4j/neo4j-gateway';
import { Neo4jGraphStore } from '../../src/storage/neo4j/neo4j-graph-store';

/** The database the Neo4j tests use (set by test/neo4j/global-setup.ts), or undefined when skipped. */
export const NEO4J_TEST_URI = process.env.NEO4J_TEST_URI;

/** `describe` when a Neo4j is available, `describe.skip` (with the reason in the title) otherwise. */
export const describeWithNeo4j: jest.Describe = NEO4J_TEST_URI
  ? describe
  : (((name: string, fn: () => void) => describe.skip(`${name} (skipped: ${process.env.NEO4J_TESTS_SKIPPED})`, fn)) as jest.Describe);

export function testConnection(uri = NEO4J_TEST_URI!): Neo4jConnection {
  return {
    uri,
    user: process.env.NEO4J_USER || 'neo4j',
    password: process.env.NEO4J_PASSWORD ?? '',
    database: process.env.NEO4J_DATABASE || 'neo4j',
  };
}

/** Empties the test database and loads `snapshot` into it, through the adapter's own import. */
export async function openNeo4jStore(snapshot: GraphSnapshot): Promise<Neo4jGraphStore> {
  const gateway = new Neo4jGateway(testConnection());
  // A minute, not a request's 10 s: a loaded machine can take longer to clear a grown graph.
  await gateway.write((run) => run(cypher('MATCH (n) DETACH DELETE n')), 60_000);
  const store = new Neo4jGraphStore(gateway);
  await store.ensureSchema();
  await store.importSnapshot(snapshot);
  return store;
}
