import { InProcessHeavyWorkLimiter } from '../../src/application/heavy-work-limiter';
import { TooBusyError } from '../../src/application/ports/heavy-work-limiter.port';
import { RedisLink } from '../../src/cluster/redis-link';
import { SharedHeavyWorkLimiter } from '../../src/cluster/shared-heavy-work-limiter';
import { startRedis, type RunningRedis } from '../support/redis-launcher';

jest.setTimeout(60_000);

const PER_CLIENT = 2;
const QUEUE_MS = 300;

/** Polls until `check` holds (or fails after 15 s). */
async function until(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Settles every acquire: the releases of those granted and the number refused as too busy. */
async function settle(attempts: Array<Promise<() => void>>): Promise<{ granted: Array<() => void>; refused: number }> {
  const outcomes = await Promise.allSettled(attempts);
  const granted = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
  const refused = outcomes.filter((o) => o.status === 'rejected' && o.reason instanceof TooBusyError).length;
  return { granted, refused };
}

describe('SharedHeavyWorkLimiter: the per-client heavy-work limit across two replicas on one Redis', () => {
  let redis: RunningRedis;
  const links: RedisLink[] = [];
  const warnings: string[] = [];
  let a: SharedHeavyWorkLimiter;
  let b: SharedHeavyWorkLimiter;
  let localA: InProcessHeavyWorkLimiter;

  /** One "replica": its own connection, its own in-process fallback, the same Redis and prefix. */
  const replica = (name: string, ttlMs: number, local = new InProcessHeavyWorkLimiter({ perClient: PER_CLIENT, queueMs: QUEUE_MS })) => {
    const log = { info: () => {}, warn: (m: string) => warnings.push(m) };
    const link = RedisLink.open(redis.url, name, log, 500);
    links.push(link);
    return {
      link,
      limiter: new SharedHeavyWorkLimiter(link, 'test:heavy:', { perClient: PER_CLIENT, queueMs: QUEUE_MS, ttlMs }, local, log),
    };
  };

  beforeAll(async () => {
    redis = await startRedis();
    localA = new InProcessHeavyWorkLimiter({ perClient: PER_CLIENT, queueMs: QUEUE_MS });
    a = replica('a', 60_000, localA).limiter;
    b = replica('b', 60_000).limiter;
    await until('both replicas on Redis', () => links.every((l) => l.healthy));
  });

  afterAll(async () => {
    await Promise.all(links.map((l) => l.close()));
    await redis?.dispose();
  });

  it('gives one client HEAVY_WORK_PER_CLIENT places across both replicas, not that many on each', async () => {
    const client = 'actor:spread';
    const first = await settle([a.acquire(client), b.acquire(client)]);
    expect(first.granted).toHaveLength(PER_CLIENT);
    expect(await a.running(client)).toBe(PER_CLIENT);
    // Both replicas are full for this client: each refuses after waiting QUEUE_MS.
    const started = Date.now();
    const over = await settle([a.acquire(client), b.acquire(client)]);
    expect(over.granted).toHaveLength(0);
    expect(over.refused).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(QUEUE_MS - 20);
    // Another client is not affected.
    const other = await settle([a.acquire('actor:other'), b.acquire('actor:other')]);
    expect(other.granted).toHaveLength(2);
    for (const release of [...first.granted, ...other.granted]) release();
  });

  it('counts a burst of concurrent acquires on both replicas atomically', async () => {
    const client = 'actor:burst';
    const attempts = Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? a : b).acquire(client));
    // Over their share they wait QUEUE_MS (nothing is given back meanwhile), then are refused.
    const { granted, refused } = await settle(attempts);
    expect(granted).toHaveLength(PER_CLIENT);
    expect(refused).toBe(12 - PER_CLIENT);
    for (const release of granted) release();
  });

  it('hands a place given back on one replica to a client waiting on the other', async () => {
    const client = 'actor:handover';
    const held = await settle([a.acquire(client), a.acquire(client)]);
    expect(held.granted).toHaveLength(PER_CLIENT);
    const waiting = b.acquire(client);
    setTimeout(() => held.granted[0](), 100);
    const release = await waiting;
    expect(await b.running(client)).toBe(PER_CLIENT);
    release();
    held.granted[1]();
    // The releases are sent without waiting; Redis has them shortly after.
    const deadline = Date.now() + 5_000;
    while ((await a.running(client)) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(await a.running(client)).toBe(0);
  });

  it('frees a place never given back (its replica died) after the safety TTL', async () => {
    const client = 'actor:crashed';
    const dying = replica('dying', 400);
    await until('the dying replica on Redis', () => dying.link.healthy);
    await dying.limiter.acquire(client);
    await dying.limiter.acquire(client); // never released
    await dying.link.close(); // the replica dies: nothing renews its places any more
    await expect(b.acquire(client)).rejects.toBeInstanceOf(TooBusyError);
    await new Promise((r) => setTimeout(r, 450));
    const release = await b.acquire(client);
    release();
  });

  it('keeps a place past its lease while the work runs: the holder renews it', async () => {
    const client = 'actor:long-work';
    const holder = replica('holder', 400).limiter;
    await until('the holding replica on Redis', () => links.at(-1)!.healthy);
    const releases = [await holder.acquire(client), await holder.acquire(client)];
    await new Promise((r) => setTimeout(r, 1_200)); // three leases long
    expect(await b.running(client)).toBe(PER_CLIENT);
    await expect(b.acquire(client)).rejects.toBeInstanceOf(TooBusyError);
    for (const release of releases) release();
    const release = await b.acquire(client);
    release();
  });

  it('falls back to the in-process limit while Redis is down (one warning), and shares again when it is back', async () => {
    const client = 'actor:outage';
    warnings.length = 0;
    await redis.stop();
    await until('replica a sees Redis down', () => !links[0].healthy);
    const during = await settle([a.acquire(client), a.acquire(client), a.acquire(client)]);
    // A's own limit: PER_CLIENT places in this process, the rest refused after QUEUE_MS.
    expect(during.granted).toHaveLength(PER_CLIENT);
    expect(during.refused).toBe(1);
    expect(localA.running(client)).toBe(PER_CLIENT);
    for (const release of during.granted) release();
    expect(localA.running(client)).toBe(0);

    await redis.restart();
    await until('both replicas back on Redis', () => links[0].healthy && links[1].healthy);
    const after = await settle([a.acquire(client), b.acquire(client), b.acquire(client)]);
    expect(after.granted).toHaveLength(PER_CLIENT);
    expect(after.refused).toBe(1);
    expect(localA.running(client)).toBe(0); // counted in Redis, not in process
    expect(await a.running(client)).toBe(PER_CLIENT);
    for (const release of after.granted) release();
    // One warning for the outage (from the link), none per request.
    expect(warnings.filter((w) => w.includes('Redis (a) unavailable'))).toHaveLength(1);
  });
});
