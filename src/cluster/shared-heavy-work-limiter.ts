import { randomUUID } from 'node:crypto';
import type { HeavyWorkLimits } from '../application/heavy-work-limiter';
import { TooBusyError, type HeavyWorkLimiter } from '../application/ports/heavy-work-limiter.port';
import type { ClusterLog, RedisLink } from './redis-link';
import { SharedOrLocal } from './shared-or-local';

/** How often a client over its share asks Redis again whether a place has freed up. */
export const HEAVY_WORK_POLL_MS = 25;
/**
 * A place is a lease of this long, renewed four times within it while its work runs: a
 * place a dead replica held frees itself within this time, short enough that a client
 * whose request died with the replica gets a place on another within HEAVY_WORK_QUEUE_MS.
 */
export const HEAVY_WORK_LEASE_MS = 2_000;

/**
 * One client's places: a sorted set of place ids scored by when each expires (Redis's own
 * clock). Expired places are dropped first, so a replica that died holding one loses it
 * after `ttl` at the latest (its holder renews it meanwhile); then a place is taken if
 * fewer than `limit` remain.
 * KEYS[1] the client's set; ARGV: limit, ttl in ms, place id. Returns 1 when taken, else 0.
 */
const ACQUIRE = `
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', nowMs)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], nowMs + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return 1
`;

/** Extends a place still held by `ttl` from now (one that already expired stays gone). KEYS[1] the set; ARGV: ttl in ms, place id. */
const RENEW = `
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
if redis.call('ZADD', KEYS[1], 'XX', 'CH', nowMs + tonumber(ARGV[1]), ARGV[2]) == 1 then
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]))
end
return 1
`;

export interface SharedHeavyWorkLimits extends HeavyWorkLimits {
  /**
   * A place is held on a lease this long, renewed every quarter of it while its work runs;
   * one not given back (its replica died, Redis was unreachable at the time) frees itself
   * within this long.
   */
  readonly ttlMs: number;
}

/**
 * The per-client heavy-work limit for several replicas: each client's places in flight live
 * in Redis, so a client gets `perClient` analyses across all replicas, not per replica. Over
 * its share it asks again every HEAVY_WORK_POLL_MS for up to `queueMs`, then is refused
 * (TooBusyError, as in process). While Redis is down (or a command fails) the in-process
 * limiter answers, with one warning per outage; a place is given back where it was taken.
 */
export class SharedHeavyWorkLimiter implements HeavyWorkLimiter {
  private readonly route: SharedOrLocal;

  constructor(
    private readonly link: RedisLink,
    private readonly prefix: string,
    readonly limits: SharedHeavyWorkLimits,
    private readonly local: HeavyWorkLimiter,
    log: ClusterLog,
  ) {
    this.route = new SharedOrLocal(link, 'heavy-work limit', log);
  }

  async acquire(client: string): Promise<() => void> {
    const release = await this.route.run(
      () => this.acquireShared(client),
      () => this.local.acquire(client),
    );
    if (release) return release;
    throw new TooBusyError(
      `Too much heavy work at once: at most ${this.limits.perClient} analyses per token or address run at a time. Retry after the time in Retry-After.`,
      Math.max(1, Math.ceil(this.limits.queueMs / 1000)),
    );
  }

  /** Places this client holds in Redis now (tests). */
  async running(client: string): Promise<number> {
    const reply = await this.link.client.sendCommand(['ZCOUNT', this.key(client), `(${Date.now()}`, '+inf']);
    return Number(reply);
  }

  /** A release function once a place is taken, undefined when none freed up in time; throws when Redis fails. */
  private async acquireShared(client: string): Promise<(() => void) | undefined> {
    const key = this.key(client);
    const id = randomUUID();
    const deadline = Date.now() + this.limits.queueMs;
    for (;;) {
      const taken = await this.link.client.sendCommand([
        'EVAL',
        ACQUIRE,
        '1',
        key,
        String(this.limits.perClient),
        String(this.limits.ttlMs),
        id,
      ]);
      if (Number(taken) === 1) return this.releaser(key, id);
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      await new Promise((resolve) => setTimeout(resolve, Math.min(HEAVY_WORK_POLL_MS, left)));
    }
  }

  private releaser(key: string, id: string): () => void {
    let released = false;
    // Renewed while held; an event loop stalled past the lease lets the place go early (the
    // client may then briefly run one more than its share).
    const renew = setInterval(
      () => void this.link.client.sendCommand(['EVAL', RENEW, '1', key, String(this.limits.ttlMs), id]).catch(() => {}),
      Math.max(50, Math.floor(this.limits.ttlMs / 4)),
    );
    renew.unref();
    return () => {
      if (released) return;
      released = true;
      clearInterval(renew);
      // Unreachable Redis: the place expires by itself after ttlMs.
      void Promise.resolve()
        .then(() => this.link.client.sendCommand(['ZREM', key, id]))
        .catch(() => {});
    };
  }

  private key(client: string): string {
    return `${this.prefix}${client}`;
  }
}
