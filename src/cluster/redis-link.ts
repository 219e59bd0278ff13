import { createClient } from 'redis';

export type RedisClient = ReturnType<typeof createClient>;

export interface ClusterLog {
  info(message: string): void;
  warn(message: string): void;
}

/**
 * One Redis connection and whether it can be used right now. Commands never queue while
 * the connection is down (they fail at once, and every command gives up after a timeout),
 * so callers fall back to their own process instead of waiting; the client reconnects by
 * itself, and listeners hear each change between up and down.
 */
export class RedisLink {
  private readonly listeners = new Set<(up: boolean) => void>();
  private up = false;
  private closed = false;

  private constructor(
    readonly client: RedisClient,
    private readonly name: string,
    private readonly log: ClusterLog,
  ) {
    client.on('ready', () => this.set(true));
    client.on('end', () => this.set(false));
    client.on('error', (error: Error) => {
      this.lastError = error.message;
      this.set(false);
    });
    client.on('reconnecting', () => this.set(false));
  }

  /** Whether this outage was reported (once per outage, not per retry; also when Redis is down at start). */
  private warned = false;
  private lastError = 'connection lost';

  /** Connects in the background: the API starts (and serves) whether or not Redis is up. */
  static open(url: string, name: string, log: ClusterLog, commandTimeoutMs: number): RedisLink {
    const client = createClient({
      url,
      name: `macro-graph-${name}`,
      disableOfflineQueue: true,
      commandOptions: { timeout: commandTimeoutMs },
      socket: {
        connectTimeout: 2_000,
        // Every 100 ms at first, then at most every 2 s, for ever.
        reconnectStrategy: (retries: number) => Math.min(100 * 2 ** Math.min(retries, 5), 2_000),
      },
    });
    const link = new RedisLink(client, name, log);
    client.connect().catch((error: Error) => log.warn(`Redis (${name}) could not connect: ${error.message}`));
    return link;
  }

  /** A second connection to the same server (a subscriber needs its own). */
  duplicate(name: string): RedisLink {
    const client = this.client.duplicate({ name: `macro-graph-${name}` });
    const link = new RedisLink(client, name, this.log);
    client.connect().catch((error: Error) => this.log.warn(`Redis (${name}) could not connect: ${error.message}`));
    return link;
  }

  /** Connected and ready for commands. */
  get healthy(): boolean {
    return this.up && this.client.isReady;
  }

  /** Called with true when the connection is (again) ready, false when it is lost. */
  onChange(listener: (up: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    if (this.client.isOpen) await this.client.close().catch(() => this.client.destroy());
    else this.client.destroy();
  }

  private set(up: boolean): void {
    if (this.closed) return;
    if (!up && !this.warned) {
      this.warned = true;
      this.log.warn(`Redis (${this.name}) unavailable: ${this.lastError}; using this process's own state until it is back`);
    }
    if (up === this.up) return;
    this.up = up;
    if (up) {
      if (this.warned) this.log.info(`Redis (${this.name}) is back: sharing state across replicas again`);
      this.warned = false;
    }
    for (const listener of [...this.listeners]) listener(up);
  }
}
