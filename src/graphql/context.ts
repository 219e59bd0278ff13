import type { Actor } from '../application/access';
import type { ChangeFeed } from '../application/ports/change-feed.port';
import { Deadline } from '../domain/errors';
import type { AnalysisService } from '../application/analysis.service';
import type { CatalogService } from '../application/catalog.service';
import type { GraphWriterService } from '../application/graph-writer.service';
import type { PropagationService } from '../application/propagation.service';
import type { StatusService } from '../application/status.service';
import { createLoaders, type Loaders } from './loaders';

/** The application services resolvers call; one set for the whole server. */
export interface Services {
  readonly catalog: CatalogService;
  readonly propagation: PropagationService;
  readonly writer: GraphWriterService;
  readonly analysis: AnalysisService;
  readonly status: StatusService;
  /** Committed writes as they happen: this process's, and with REDIS_URL every replica's (for subscriptions). */
  readonly changes: ChangeFeed;
}

/** What every resolver of one request sees. */
export interface Context extends Services {
  readonly loaders: Loaders;
  /** Who sent the request, from its bearer token; undefined for anonymous readers. */
  readonly actor?: Actor;
  /** The graph version (see CausalIndexSource.graphVersion); whole answers are cached under it. */
  graphVersion(): Promise<string>;
  /** When the request's work must stop (REQUEST_TIMEOUT_MS). */
  readonly deadline: Deadline;
}

export function createContext(services: Services, actor?: Actor, deadline: Deadline = Deadline.NONE): Context {
  let version: Promise<string> | undefined;
  // Read once per request: the cache key and the outage check share it.
  const graphVersion = () => (version ??= services.status.graphVersion());
  return { ...services, loaders: createLoaders(services.catalog), actor, graphVersion, deadline };
}
