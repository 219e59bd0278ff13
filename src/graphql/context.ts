import type { Actor } from '../application/access';
import type { ChangeFeed } from '../application/ports/change-feed.port';
import { Deadline } from '../domain/errors';
import type { AnalysisService } from '../application/analysis.service';
import type { CatalogService } from '../application/catalog.service';
import type { GraphWriterService } from '../application/graph-writer.service';
import type { PropagationService } from '../application/propagation.service';
import type { StatusService } from '../application/status.service';
import type { SuggestionService } from '../application/suggestion.service';
import { createLoaders, type Loaders } from './loaders';
import type { WorkOrder } from '../application/heavy-work';

/** The application services resolvers call; one set for the whole server. */
export interface Services {
  readonly catalog: CatalogService;
  readonly propagation: PropagationService;
  readonly writer: GraphWriterService;
  readonly analysis: AnalysisService;
  readonly status: StatusService;
  readonly suggestions: SuggestionService;
  /** Committed writes as they happen: this process's, and with REDIS_URL every replica's (for subscriptions). */
  readonly changes: ChangeFeed;
}

/** What a subscription's context adds: how far it may fall behind, and how it is cut off. */
export interface LiveSession {
  /** Changes a subscription may hold undelivered (LIVE_MAX_QUEUED); past that it is dropped. */
  readonly maxQueued: number;
  /** Drops the subscriber (its connection is closed): it fell too far behind. */
  dropSlow(): void;
  /** Fresh loaders, version and deadline for the next event (a subscription's context lives long). */
  renew(): void;
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
  /** Set for subscriptions over WebSocket. */
  readonly live?: LiveSession;
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

/**
 * The context of one subscription: the same services and actor for its whole life, and,
 * for each event, fresh loaders (so an edge is read as it is after the change), a fresh
 * graph version and a new deadline of `timeoutMs` (`live.renew()`).
 */
export function createLiveContext(
  services: Services,
  actor: Actor | undefined,
  timeoutMs: number,
  session: Pick<LiveSession, 'maxQueued' | 'dropSlow'>,
): Context {
  let current = createContext(services, actor, Deadline.after(timeoutMs));
  const live: LiveSession = { ...session, renew: () => (current = createContext(services, actor, Deadline.after(timeoutMs))) };
  return {
    ...services,
    actor,
    live,
    get loaders() {
      return current.loaders;
    },
    get deadline() {
      return current.deadline;
    },
    get order() {
      return current.order;
    },
    graphVersion: () => current.graphVersion(),
  };
}
