import { randomUUID } from 'node:crypto';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { Store } from 'express-rate-limit';
import type { HeavyWorkLimits } from '../application/heavy-work-limiter';
import type { ChangeFeed } from '../application/ports/change-feed.port';
import type { HeavyWorkLimiter } from '../application/ports/heavy-work-limiter.port';
import type { GraphBackend } from '../application/ports/graph-backend';
import { isReplicatedStore, type ReplicatedStore } from '../application/ports/replicated-store.port';
import type { RedisConfig } from '../config';
import { GRAPH_CHANGE_KINDS, type GraphChange } from '../domain/model/graph-change.model';
import type { IndexChange } from '../domain/propagation/causal-index';
import { ClusterChangeFeed } from './cluster-change-feed';
import { RedisLink, type ClusterLog } from './redis-link';
import { SharedHeavyWorkLimiter } from './shared-heavy-work-limiter';
import { SharedCache, SharedRateLimitStore } from './shared-or-local';

/** An event carries the index change it made when it has at most this many edges and entities; larger ones are read from the log. */
export const MAX_EVENT_INDEX_ITEMS = 1_000;
/** A mutation's answer waits at most this long for its change event to reach Redis (read-your-writes on the other replicas). */
export const PUBLISH_WAIT_MS = 1_000;

/** What one committed write tells the other replicas: its version, what it changed, and (when small) its index change. */
export interface ChangeEvent {
  readonly origin: string;
  readonly change: GraphChange;
  readonly index?: IndexChange;
}

/**
 * What API replicas share through Redis (REDIS_URL): the rate-limit counters, the
 * per-client heavy-work places, Apollo's
 * cache (whole answers and persisted queries), and each committed write as an event on a
 * channel. Every part falls back to this process alone while Redis is away, and takes up
 * sharing again when it is back; correctness never depends on an event arriving (see
 * ReplicatedStore.refresh and ClusterChangeFeed).
 */
export class Cluster {
  /** This replica's name on the channel (its own events come back to it and are skipped). */
  readonly origin = randomUUID();
  private readonly events: RedisLink;
  private readonly channel: string;
  private readonly publishing = new Set<Promise<unknown>>();
  private readonly stops: Array<() => void> = [];
  private feed: ClusterChangeFeed | undefined;
  private store: ReplicatedStore | undefined;
  private subscribed = false;

  private constructor(
    private readonly config: RedisConfig,
    readonly link: RedisLink,
    private readonly log: ClusterLog,
    private readonly shareAnswers: boolean,
  ) {
    this.events = link.duplicate('events');
    this.channel = `${config.prefix}changes`;
  }

  /**
   * Connects in the background: the API starts and serves with Redis up or down.
   * `shareAnswers`: whether whole answers may be shared, i.e. whether every replica reads
   * the same graph under the same version (one Neo4j; not embedded stores, each its own).
   */
  static open(config: RedisConfig, log: ClusterLog, options: { shareAnswers: boolean }): Cluster {
    return new Cluster(config, RedisLink.open(config.url, 'commands', log, config.commandTimeoutMs), log, options.shareAnswers);
  }

  /** Whether Redis answers right now (/ready reports it; the API serves either way). */
  get healthy(): boolean {
    return this.link.healthy;
  }

  /** The store for express-rate-limit: one counter per client across replicas. */
  rateLimitStore(name: string): Store {
    return new SharedRateLimitStore(this.link, `${this.config.prefix}rl:${name}:`, this.log);
  }

  /**
   * The per-client limit on heavy work, counted across replicas; `local` answers while Redis
   * is away. A place a dead replica held frees itself after `ttlMs`.
   */
  heavyWorkLimiter(limits: HeavyWorkLimits & { ttlMs: number }, local: HeavyWorkLimiter): HeavyWorkLimiter {
    return new SharedHeavyWorkLimiter(this.link, `${this.config.prefix}heavy:`, limits, local, this.log);
  }

  /** Persisted queries (hash → query text, the same for everyone), shared; `local` answers while Redis is away. */
  cache(local: KeyValueCache<string>): KeyValueCache<string> {
    return new SharedCache(this.link, `${this.config.prefix}apollo`, local, this.log);
  }

  /** Whole answers, keyed by graph version: shared when every replica reads one database. */
  answers(local: KeyValueCache<string>): KeyValueCache<string> {
    return this.shareAnswers ? new SharedCache(this.link, `${this.config.prefix}answers`, local, this.log) : local;
  }

  /**
   * Joins the store to the cluster: publishes its commits, applies the others', and returns
   * the feed of every replica's changes (for subscriptions). A store that cannot be shared
   * (the embedded one keeps its own file) keeps its own feed.
   */
  async attach(backend: GraphBackend): Promise<ChangeFeed> {
    if (!isReplicatedStore(backend)) {
      this.log.warn(`the ${backend.backend} backend is not shared between replicas: REDIS_URL shares rate limits only`);
      return backend.changes;
    }
    const store = backend;
    this.store = store;
    const feed = new ClusterChangeFeed(store, await store.refresh(), (error) => this.log.warn(`change feed: ${(error as Error).message}`));
    this.feed = feed;
    this.stops.push(backend.changes.subscribe((change) => feed.offer(change)));
    this.stops.push(store.onCommit((change, index) => this.publish(change, index)));
    this.stops.push(this.events.onChange((up) => void this.eventsUp(up)));
    if (this.events.healthy) void this.eventsUp(true);
    const timer = setInterval(() => void this.catchUp(), this.config.catchUpMs);
    timer.unref();
    this.stops.push(() => clearInterval(timer));
    return feed;
  }

  /** Waits (at most PUBLISH_WAIT_MS) until this process's change events so far have reached Redis. */
  async flush(): Promise<void> {
    if (this.publishing.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.publishing]), new Promise((r) => (timer = setTimeout(r, PUBLISH_WAIT_MS)))]);
    clearTimeout(timer);
  }

  async close(): Promise<void> {
    for (const stop of this.stops.splice(0)) stop();
    this.store?.trustNotedVersions(false);
    await Promise.all([this.events.close(), this.link.close()]);
  }

  private publish(change: GraphChange, index: IndexChange): void {
    if (!this.link.healthy) return; // the others catch up from the log
    const size = (index.upsert?.length ?? 0) + (index.remove?.length ?? 0) + (index.entities?.length ?? 0);
    const event: ChangeEvent = { origin: this.origin, change, ...(size <= MAX_EVENT_INDEX_ITEMS ? { index } : {}) };
    const sent = this.link.client.publish(this.channel, JSON.stringify(event)).catch((error: Error) => {
      this.log.warn(`could not publish change ${change.version}: ${error.message}; other replicas will read it from the log`);
    });
    this.publishing.add(sent);
    void sent.finally(() => this.publishing.delete(sent));
  }

  private receive(message: string): void {
    const event = parseEvent(message);
    if (!event || event.origin === this.origin) return;
    const version = Number(event.change.version);
    this.store?.noteVersion(version, event.index);
    this.feed?.offer(event.change);
  }

  /**
   * The event stream is (again) up: subscribe, then read the version from the database
   * (anything committed before the subscription is in it, anything after arrives as an
   * event), and only then trust events for the version. Down: every read asks the database.
   */
  private async eventsUp(up: boolean): Promise<void> {
    if (!up) {
      this.store?.trustNotedVersions(false);
      return;
    }
    try {
      if (!this.subscribed) {
        await this.events.client.subscribe(this.channel, (message) => this.receive(message));
        this.subscribed = true; // the client resubscribes by itself after a reconnect
      }
      await this.catchUp();
      if (this.events.healthy) this.store?.trustNotedVersions(true);
    } catch (error) {
      this.log.warn(`change events: ${(error as Error).message}; reading the version from the database meanwhile`);
    }
  }

  /** The safety net: the database's version, whatever the events said. */
  private async catchUp(): Promise<void> {
    if (!this.store) return;
    try {
      this.feed?.noteVersion(await this.store.refresh());
    } catch (error) {
      this.log.warn(`catch-up from the database failed: ${(error as Error).message}`);
    }
  }
}

function parseEvent(message: string): ChangeEvent | undefined {
  try {
    const event = JSON.parse(message) as ChangeEvent;
    const ok =
      typeof event.origin === 'string' &&
      typeof event.change?.version === 'string' &&
      Number.isSafeInteger(Number(event.change.version)) &&
      GRAPH_CHANGE_KINDS.includes(event.change.kind);
    return ok ? event : undefined;
  } catch {
    return undefined;
  }
}
