import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import { KeyvAdapter } from '@apollo/utils.keyvadapter';
import KeyvRedis from '@keyv/redis';
import { MemoryStore, type ClientRateLimitInfo, type IncrementResponse, type Options, type Store } from 'express-rate-limit';
import Keyv from 'keyv';
import { RedisStore } from 'rate-limit-redis';
import type { ClusterLog, RedisLink } from './redis-link';

/** Shared answers live at most this long in Redis, whatever their cache hint (they are keyed by graph version anyway). */
export const SHARED_CACHE_TTL_SECONDS = 3_600;

/**
 * Runs `shared` while Redis is up, else `local`; a shared call that fails (Redis went away
 * mid-request, or a command timed out) is answered by `local` too. One warning per outage.
 */
export class SharedOrLocal {
  private warned = false;

  constructor(
    private readonly link: RedisLink,
    private readonly what: string,
    private readonly log: ClusterLog,
  ) {
    link.onChange((up) => {
      if (up) this.warned = false;
    });
  }

  async run<T>(shared: () => Promise<T>, local: () => Promise<T> | T): Promise<T> {
    if (!this.link.healthy) return local();
    try {
      return await shared();
    } catch (error) {
      if (!this.warned)
        this.log.warn(`${this.what}: Redis failed (${(error as Error).message}); this process counts alone until it is back`);
      this.warned = true;
      return local();
    }
  }
}

/**
 * express-rate-limit's store for several replicas: counts in Redis (rate-limit-redis, one
 * counter per client and window shared by every replica) while Redis answers, and in this
 * process's memory while it does not, so a Redis outage never refuses or fails a request.
 */
export class SharedRateLimitStore implements Store {
  readonly localKeys = false;
  private readonly local = new MemoryStore();
  private readonly shared: RedisStore;
  private readonly route: SharedOrLocal;
  private options: Options | undefined;

  constructor(
    private readonly link: RedisLink,
    readonly prefix: string,
    log: ClusterLog,
  ) {
    this.shared = new RedisStore({ sendCommand: (...args: string[]) => link.client.sendCommand(args), prefix });
    this.route = new SharedOrLocal(link, 'rate limit', log);
    // The store's scripts are loaded on each (re)connect: a restarted Redis has forgotten them.
    link.onChange((up) => {
      if (up && this.options) this.loadScripts(this.options);
    });
  }

  init(options: Options): void {
    this.options = options;
    this.local.init(options);
    if (this.link.healthy) this.loadScripts(options);
  }

  get(key: string): Promise<ClientRateLimitInfo | undefined> {
    return this.route.run(
      () => this.shared.get(key),
      () => this.local.get(key),
    );
  }

  increment(key: string): Promise<IncrementResponse> {
    return this.route.run(
      () => this.shared.increment(key),
      () => this.local.increment(key),
    );
  }

  async decrement(key: string): Promise<void> {
    await this.route.run(
      () => this.shared.decrement(key),
      () => this.local.decrement(key),
    );
  }

  async resetKey(key: string): Promise<void> {
    await this.route.run(
      () => this.shared.resetKey(key),
      () => this.local.resetKey(key),
    );
  }

  shutdown(): void {
    this.local.shutdown();
  }

  private loadScripts(options: Options): void {
    this.shared.init(options).catch(() => {
      // Redis went away again: the next reconnect loads them.
    });
  }
}

/**
 * Apollo's cache (whole answers, persisted queries) for several replicas: Redis through
 * Keyv while it answers, this process's LRU while it does not. Entries written while Redis
 * was down stay local; answers are keyed by graph version, so neither side can serve an
 * answer older than the version it is asked for.
 */
export class SharedCache implements KeyValueCache<string> {
  private readonly shared: KeyvAdapter<string>;
  private readonly route: SharedOrLocal;

  constructor(
    link: RedisLink,
    namespace: string,
    private readonly local: KeyValueCache<string>,
    log: ClusterLog,
  ) {
    const store = new KeyvRedis<string>(link.client, { namespace, throwOnErrors: true, throwOnConnectError: true });
    const keyv = new Keyv<string>({ store, namespace, throwOnErrors: true, useKeyPrefix: false });
    keyv.on('error', () => {}); // thrown to the caller as well, which falls back
    this.shared = new KeyvAdapter(keyv, { disableBatchReads: true });
    this.route = new SharedOrLocal(link, 'response cache', log);
  }

  get(key: string): Promise<string | undefined> {
    return this.route.run(
      () => this.shared.get(key),
      () => this.local.get(key),
    );
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const ttl = Math.min(options?.ttl ?? SHARED_CACHE_TTL_SECONDS, SHARED_CACHE_TTL_SECONDS);
    await this.route.run(
      () => this.shared.set(key, value, { ttl }),
      () => this.local.set(key, value, options),
    );
  }

  async delete(key: string): Promise<boolean | void> {
    return this.route.run(
      () => this.shared.delete(key),
      () => this.local.delete(key),
    );
  }
}
