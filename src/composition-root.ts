import { CatalogService } from './application/catalog.service';
import { PropagationService } from './application/propagation.service';
import type { Config } from './config';
import type { Services } from './graphql/context';
import type { GraphStore } from './storage/graph-store.port';
import { MemoryGraphStore } from './storage/memory/memory-graph-store';
import { readSeed } from './storage/seed/read-seed';

/** The one place that picks the storage adapter. */
export async function openStore(config: Config): Promise<GraphStore> {
  return new MemoryGraphStore(readSeed(config.seedDir));
}

export function createServices(store: GraphStore): Services {
  return {
    catalog: new CatalogService(store),
    propagation: new PropagationService(store),
  };
}
