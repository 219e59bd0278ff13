import type { CatalogService } from '../application/catalog.service';
import type { PropagationService } from '../application/propagation.service';
import type { GraphStore } from '../storage/graph-store.port';
import { createLoaders, type Loaders } from './loaders';

/** The application services resolvers call; one set for the whole server. */
export interface Services {
  readonly catalog: CatalogService;
  readonly propagation: PropagationService;
}

/** What every resolver of one request sees. */
export interface Context extends Services {
  readonly loaders: Loaders;
}

export function createContext(services: Services, store: GraphStore): Context {
  return { ...services, loaders: createLoaders(store) };
}
