import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { createClient } from 'redis';
import { healthy, startApi, until, type ApiProcess } from '../support/api-process';
import { pings, startRedis, type RunningRedis } from '../support/redis-launcher';

jest.setTimeout(120_000);

const LIMIT = 12;
const QUERY = '{ entity(id: "boj-policy-rate") { id } }';
/** Each test counts under its own token (the limit is per token), so each stands alone. */
const TOKENS = [
  'limit-test-token:researcher:limits',
  'apq-test-token:researcher:apq',
  'fault-test-token:researcher:faults',
  'heavy-test-token:researcher:heavy',
];

/** One POST /graphql; the status, the error code if any, and the body. */
async function ask(base: string, body: Record<string, unknown>, token: string): Promise<{ status: number; code?: string; body: any }> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const json: any = await response.json();
  return { status: response.status, code: json.errors?.[0]?.extensions?.code, body: json };
}

/** Waits until /ready says the replica shares through Redis. */
const onRedis = (api: ApiProcess) =>
  until('the replica on Redis', async () => ((await healthy(api)).redis === 'up' ? true : undefined), 30_000, api);

describe('redis-server for tests (test/support/redis-launcher.ts)', () => {
  it('starts on a free port, stops, and restarts on the same port, empty', async () => {
    const redis = await startRedis();
    try {
      expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
      expect(await pings(redis.port)).toBe(true);
      await redis.stop();
      expect(await pings(redis.port)).toBe(false);
      await redis.restart();
      expect(await pings(redis.port)).toBe(true);
    } finally {
      await redis.dispose();
    }
  });
});

describe('two API replicas sharing one Redis (embedded stores)', () => {
  let redis: RunningRedis;
  let a: ApiProcess;
  let b: ApiProcess;
  const dirs: string[] = [];
  const PREFIX = `test-${process.pid}:`;

  const start = (dir: string) =>
    startApi({
      DATA_DIR: dir,
      API_TOKENS: TOKENS.join(','),
      REDIS_URL: redis.url,
      RATE_LIMIT_PER_MINUTE: String(LIMIT),
      LOG_LEVEL: 'info',
      REDIS_PREFIX: PREFIX,
      HEAVY_WORK_PER_CLIENT: '2',
      HEAVY_WORK_QUEUE_MS: '200',
    });

  beforeAll(async () => {
    redis = await startRedis();
    dirs.push(mkdtempSync(join(tmpdir(), 'replica-a-')), mkdtempSync(join(tmpdir(), 'replica-b-')));
    [a, b] = await Promise.all([start(dirs[0]), start(dirs[1])]);
    // Both have reached Redis (it connects in the background).
    await Promise.all([onRedis(a), onRedis(b)]);
  });

  afterAll(async () => {
    a?.child.kill('SIGKILL');
    b?.child.kill('SIGKILL');
    await redis?.dispose();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('limits a client spreading its requests over both replicas once, not once per replica', async () => {
    const outcomes: number[] = [];
    const token = 'limit-test-token';
    for (let i = 0; i < 2 * LIMIT; i++) outcomes.push((await ask(i % 2 ? b.base : a.base, { query: QUERY }, token)).status);
    expect(outcomes.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(200));
    expect(outcomes.slice(LIMIT)).toEqual(Array(LIMIT).fill(429));
    const refused = await ask(b.base, { query: QUERY }, token);
    expect(refused.code).toBe('RATE_LIMITED');
  });

  it('counts heavy work in flight in Redis: places held through another replica refuse the analysis, given back they admit it', async () => {
    const token = 'heavy-test-token';
    const propagate = (hops: number) =>
      ask(a.base, { query: `{ propagate(shocks: [{ entityId: "boj-policy-rate" }], maxHops: ${hops}) { paths { strength } } }` }, token);
    // The places another replica holds for this client (token:heavy), as its limiter writes them.
    const redisClient = createClient({ url: redis.url });
    await redisClient.connect();
    try {
      const key = `${PREFIX}heavy:token:heavy`;
      const later = Date.now() + 60_000;
      await redisClient.zAdd(key, [
        { score: later, value: 'elsewhere-1' },
        { score: later, value: 'elsewhere-2' },
      ]);
      const refused = await propagate(2);
      expect(refused.status).toBe(429);
      expect(refused.code).toBe('RATE_LIMITED');
      await redisClient.del(key);
      const admitted = await propagate(3);
      expect(admitted.status).toBe(200);
      expect(admitted.body.data.propagate.paths.length).toBeGreaterThan(0);
    } finally {
      await redisClient.close();
    }
  });

  it('shares persisted queries: a hash registered through A is known to B', async () => {
    const token = 'apq-test-token';
    const query = 'query Persisted { entity(id: "boj-policy-rate") { id } }';
    const extensions = { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } };
    expect((await ask(b.base, { extensions }, token)).code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await ask(a.base, { query, extensions }, token);
    expect(registered.body).toEqual({ data: { entity: { id: 'boj-policy-rate' } } });
    expect((await ask(b.base, { extensions }, token)).body).toEqual({ data: { entity: { id: 'boj-policy-rate' } } });
  });

  it('keeps serving while Redis is down (each replica counting alone, /ready 200, a warning logged) and shares again once it is back', async () => {
    const token = 'fault-test-token';
    await redis.stop();
    const during: number[] = [];
    for (let i = 0; i < LIMIT; i++) during.push((await ask(i % 2 ? b.base : a.base, { query: QUERY }, token)).status);
    expect(during).toEqual(Array(LIMIT).fill(200)); // LIMIT / 2 per replica: under each one's own limit
    for (const api of [a, b]) {
      const ready = await fetch(`${api.base}/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ok', redis: 'down' });
    }
    await until('the warning', async () => (/Redis .*unavailable|Redis failed/.test(a.output()) ? true : undefined), 10_000);

    await redis.restart();
    await Promise.all([onRedis(a), onRedis(b)]);
    expect(a.output()).toMatch(/Redis \(commands\) is back/);
    // Shared again: the (empty) Redis counts both replicas' requests together.
    const after: number[] = [];
    for (let i = 0; i < 2 * LIMIT; i++) after.push((await ask(i % 2 ? b.base : a.base, { query: QUERY }, token)).status);
    expect(after.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(200));
    expect(after.slice(LIMIT)).toEqual(Array(LIMIT).fill(429));
  });
});
