import type { Neo4jConfig } from '../../config';
import type { Seed } from '../seed/read-seed';
import { Neo4jGateway } from './neo4j-gateway';
import { Neo4jGraphStore } from './neo4j-graph-store';
import { describe, waitForNeo4j } from './wait-for-neo4j';

/** Connects (waiting for the database up to its connect timeout), creates the schema, and seeds an empty graph. */
export async function openNeo4jBackend(config: Neo4jConfig, seed: Seed, log: (line: string) => void): Promise<Neo4jGraphStore> {
  const gateway = new Neo4jGateway(config);
  try {
    await waitForNeo4j(gateway, { timeoutMs: config.connectTimeoutMs, log });
  } catch (error) {
    await gateway.close();
    throw new Error(
      `cannot reach Neo4j at NEO4J_URI=${config.uri} (kept trying for ${config.connectTimeoutMs / 1000} s): ${describe(error)}`,
      {
        cause: error,
      },
    );
  }
  const store = new Neo4jGraphStore(gateway);
  await store.ensureSchema();
  const { entities } = await store.counts();
  if (entities === 0) {
    log(`the Neo4j graph is empty: loading the seed`);
    await store.importSnapshot(seed, (done, total) => log(`  seeded ${done}/${total} records`));
  }
  await store.start();
  return store;
}
