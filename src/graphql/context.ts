import type { Actor } from '../application/access';
import { Deadline } from '../domain/errors';
import type { AnalysisService } from '../application/analysis.service';
import type { CatalogService } from '../application/catalog.service';
import type { GraphWriterService } from '../application/graph-writer.service';
import type { PropagationService } from '../application/propagation.service';
import type { StatusService } from '../application/status.service';
import { createLoaders, type Loaders } from './loaders';
import type { WorkOrder } from '../application/heavy-work';

/** The application services resolvers call; one set for the whole server. */
export interface Services {
  readonly catalog: CatalogService;
  readonly propagation: PropagationService;
  readonly writer: GraphWriterService;
  readonly analysis: AnalysisService;
  readonly status: StatusService;
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
  /** The deadline and the client heavy work is counted against (HeavyWorkLimiter). */
  readonly order: WorkOrder;
}

/** The client a request counts against: its token's actor, else its address. */
export function clientOf(actor: Actor | undefined, address: string | undefined): string {
  return actor ? `token:${actor.name}` : `address:${address ?? 'unknown'}`;
}

export function createContext(services: Services, actor?: Actor, deadline: Deadline = Deadline.NONE, address?: string): Context {
  let version: Promise<string> | undefined;
  // Read once per request: the cache key and the outage check share it.
  const graphVersion = () => (version ??= services.status.graphVersion());
  return {
    ...services,
    loaders: createLoaders(services.catalog),
    actor,
    graphVersion,
    deadline,
    order: { deadline, client: clientOf(actor, address) },
  };
}
