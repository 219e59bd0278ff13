import { AnalysisService } from './application/analysis.service';
import { CatalogService } from './application/catalog.service';
import { GraphWriterService } from './application/graph-writer.service';
import { PropagationService } from './application/propagation.service';
import type { Config } from './config';
import type { Scenario } from './domain/model/scenario.model';
import type { Services } from './graphql/context';
import type { GraphStore } from './storage/graph-store.port';
import { MemoryGraphStore } from './storage/memory/memory-graph-store';
import { Neo4jGateway } from './storage/neo4j/neo4j-gateway';
import { Neo4jGraphStore } from './storage/neo4j/neo4j-graph-store';
import { describe, waitForNeo4j } from './storage/neo4j/wait-for-neo4j';
import { readSeed, type Seed } from './storage/seed/read-seed';

export class StartupError extends Error {
  override readonly name = 'StartupError';
}

/** The one place that picks the storage adapter: Neo4j when NEO4J_URI is set, else the embedded default. */
export async function openStore(
  config: Config,
  log: (line: string) => void = () => {},
  seed: Seed = readSeed(config.seedDir),
): Promise<GraphStore> {
  if (!config.neo4j) return MemoryGraphStore.open(seed, config.dataDir, log);

  const { uri, connectTimeoutMs } = config.neo4j;
  const gateway = new Neo4jGateway(config.neo4j);
  try {
    await waitForNeo4j(gateway, { timeoutMs: connectTimeoutMs, log });
  } catch (error) {
    await gateway.close();
    throw new StartupError(`cannot reach Neo4j at NEO4J_URI=${uri} (kept trying for ${connectTimeoutMs / 1000} s): ${describe(error)}`);
  }
  const store = new Neo4jGraphStore(gateway);
  await store.ensureSchema();
  const { entities } = await store.counts();
  if (entities === 0) {
    log(`the Neo4j graph is empty: loading ${config.seedDir}`);
    await store.importSnapshot(seed, (done, total) => log(`  seeded ${done}/${total} records`));
  }
  return store;
}

export function createServices(store: GraphStore, scenarios: readonly Scenario[] = []): Services {
  return {
    analysis: new AnalysisService(store, scenarios),
    catalog: new CatalogService(store),
    propagation: new PropagationService(store),
    writer: new GraphWriterService(store),
  };
}
