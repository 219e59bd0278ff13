import { createClient } from 'redis';
import { cypher } from '../../src/storage/neo4j/cypher/cypher-query';
import { Neo4jGateway } from '../../src/storage/neo4j/neo4j-gateway';
import { graphql, healthy, startApi, until, type ApiProcess } from '../support/api-process';
import { collect, liveClient } from '../support/live-client';
import { describeWithNeo4j, NEO4J_TEST_URI, testConnection } from '../support/neo4j-test-store';
import { startRedis, type RunningRedis } from '../support/redis-launcher';

const LIMIT = 30;
const PREFIX = 'replicas-test:';
const WRITER = 'replicas-writer-token';
const LIMITED = 'replicas-limited-token';
/** The load spreads over many tokens, each far under the limit (which is per token). */
const LOAD_TOKENS = Array.from({ length: 200 }, (_, i) => `replicas-load-${i}-token`);
const PROPAGATE = '{ propagate(shocks: [{ entityId: "usd-liquidity" }], maxHops: 1, minStrength: 0) { paths { entities { id } } } }';
const ADD = 'mutation($input: CausalEdgeInput!) { addEdge(input: $input) { id revision } }';
const RETRACT = 'mutation($id: ID!, $rev: Int!) { retractEdge(id: $id, reason: "test", expectedRevision: $rev) { id status } }';
const ADD_SOURCE = 'mutation($input: SourceInput!) { addSource(input: $input) { id } }';

const reachedFromLiquidity = (body: any): string[] => body.data.propagate.paths.map((p: any) => p.entities.at(-1).id);

/** Reads on every base and a write (a new source) through the first, in loops until `stop()`; every outcome kept. */
function load(bases: () => string[]) {
  const outcomes: Array<{ base: string; ok: boolean; error?: string }> = [];
  let running = true;
  let n = 0;
  const one = async (base: string, write: boolean) => {
    const i = n++;
    const token = LOAD_TOKENS[i % LOAD_TOKENS.length];
    try {
      const body = write
        ? await graphql(base, ADD_SOURCE, { input: { id: `replicas-load-${i}-${Date.now()}`, title: `Load ${i}`, language: 'en' } }, token)
        : await graphql(base, PROPAGATE, undefined, token);
      outcomes.push({ base, ok: !body.errors, error: body.errors?.[0]?.extensions?.code });
    } catch (error) {
      outcomes.push({ base, ok: false, error: (error as Error).message });
    }
  };
  const loop = async (index: number, write: boolean) => {
    while (running) {
      const all = bases();
      if (all.length === 0) return;
      await one(all[index % all.length], write);
    }
  };
  const loops = [loop(0, false), loop(1, false), loop(2, true)];
  return {
    outcomes,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** Through `base`: a new claim that USD liquidity lifts gold (which the seed lacks), as the writer. */
const addLiquidityToGold = (base: string, weight: number, mechanism: string) =>
  graphql(
    base,
    ADD,
    {
      input: {
        from: 'usd-liquidity',
        to: 'gold',
        polarity: 'POSITIVE',
        weight,
        confidence: 0.3,
        mechanism,
        evidence: [{ sourceId: 'hayes-2025-ski-cut', quote: 'q' }],
      },
    },
    WRITER,
  );

describeWithNeo4j('API replicas on one Neo4j, sharing one Redis', () => {
  let redis: RunningRedis;
  let a: ApiProcess;
  let b: ApiProcess;

  const env = () => ({
    NEO4J_URI: NEO4J_TEST_URI!,
    REDIS_URL: redis.url,
    REDIS_PREFIX: PREFIX,
    API_TOKENS: [WRITER, LIMITED, ...LOAD_TOKENS].map((t) => `${t}:admin`).join(','),
    RATE_LIMIT_PER_MINUTE: String(LIMIT),
    // The safety net runs rarely here, so that what the tests see comes from the events.
    CLUSTER_CATCH_UP_MS: '600000',
  });
  const onRedis = (api: ApiProcess) =>
    until('the replica on Redis', async () => ((await healthy(api)).redis === 'up' ? true : undefined), 60_000, api);

  beforeAll(async () => {
    const gateway = new Neo4jGateway(testConnection());
    await gateway.write((run) => run(cypher('MATCH (n) DETACH DELETE n')), 120_000);
    await gateway.close();
    redis = await startRedis();
    a = await startApi(env());
    await healthy(a, 120_000); // seeds the empty graph
    b = await startApi(env());
    await Promise.all([onRedis(a), onRedis(b)]);
  }, 240_000);

  afterAll(async () => {
    a?.child.kill('SIGKILL');
    b?.child.kill('SIGKILL');
    await redis?.dispose();
  });

  it("uses a write through A in B's very next propagation, and B's cached answer gives way to it", async () => {
    const before = await graphql(b.base, PROPAGATE, undefined, WRITER);
    expect(reachedFromLiquidity(before)).not.toContain('gold');
    expect(await graphql(b.base, PROPAGATE, undefined, WRITER)).toEqual(before); // answered again, now from the cache
    const redisClient = createClient({ url: redis.url });
    await redisClient.connect();
    try {
      // The answer is in Redis, where A finds it too.
      expect((await redisClient.keys(`${PREFIX}answers*`)).length).toBeGreaterThan(0);
    } finally {
      await redisClient.close();
    }

    const added = await addLiquidityToGold(a.base, 0.3, 'Replicated.');
    expect(added.data.addEdge).toMatchObject({ revision: 1 });
    expect(reachedFromLiquidity(await graphql(b.base, PROPAGATE, undefined, WRITER))).toContain('gold');

    const retracted = await graphql(a.base, RETRACT, { id: added.data.addEdge.id, rev: 1 }, WRITER);
    expect(retracted.data.retractEdge.status).toBe('RETRACTED');
    expect(reachedFromLiquidity(await graphql(b.base, PROPAGATE, undefined, WRITER))).toEqual(reachedFromLiquidity(before));
  });

  it('delivers a write through A to a graphChanged subscriber on B, once', async () => {
    const client = liveClient(b.base);
    try {
      const changes = collect(client, 'subscription { graphChanged { version kind sourceId } }');
      await until(
        'the subscription on B',
        async () =>
          ((await (await fetch(`${b.base}/health`)).json()) as { liveSubscriptions: number }).liveSubscriptions === 1 ? true : undefined,
        10_000,
      );
      const id = `replicas-live-${Date.now()}`;
      await graphql(a.base, ADD_SOURCE, { input: { id, title: 'Live across replicas', language: 'en' } }, WRITER);
      const [first] = await changes.wait(1);
      expect(first.data.graphChanged).toMatchObject({ kind: 'SOURCE_ADDED', sourceId: id });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(changes.results.filter((r) => r.data.graphChanged.sourceId === id)).toHaveLength(1);
    } finally {
      await client.dispose();
    }
  });

  it('limits a client spreading its requests over A and B once, not twice', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 2 * LIMIT; i++) {
      const response = await fetch(`${(i % 2 ? b : a).base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${LIMITED}` },
        body: JSON.stringify({ query: '{ entity(id: "gold") { id } }' }),
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(200));
    expect(statuses.slice(LIMIT)).toEqual(Array(LIMIT).fill(429));
  });

  it('rides out Redis stopped and restarted under load without a failed request, then shares again', async () => {
    const traffic = load(() => [a.base, b.base]);
    await new Promise((r) => setTimeout(r, 1_500));
    await redis.stop();
    await new Promise((r) => setTimeout(r, 2_000));
    await redis.restart();
    await Promise.all([onRedis(a), onRedis(b)]);
    await new Promise((r) => setTimeout(r, 1_500));
    await traffic.stop();
    expect(traffic.outcomes.length).toBeGreaterThan(20);
    expect(traffic.outcomes.filter((o) => !o.ok)).toEqual([]);
    expect(a.output()).toMatch(/Redis \(commands\) unavailable/);

    // Events flow again: a write through A is in B's next propagation.
    const added = await addLiquidityToGold(a.base, 0.2, 'After the Redis restart.');
    expect(added.errors).toBeUndefined();
    expect(reachedFromLiquidity(await graphql(b.base, PROPAGATE, undefined, WRITER))).toContain('gold');
  });

  it('costs B nothing when A is killed under load', async () => {
    let bases = [a.base, b.base];
    const onB = load(() => [b.base]);
    const onBoth = load(() => bases);
    await new Promise((r) => setTimeout(r, 1_500));
    a.child.kill('SIGKILL');
    bases = [b.base]; // the proxy's health check takes A out
    await a.exited;
    await new Promise((r) => setTimeout(r, 2_000));
    await Promise.all([onB.stop(), onBoth.stop()]);
    const onBOutcomes = [...onB.outcomes, ...onBoth.outcomes.filter((o) => o.base === b.base)];
    expect(onBOutcomes.length).toBeGreaterThan(20);
    expect(onBOutcomes.filter((o) => !o.ok)).toEqual([]);
    expect((await fetch(`${b.base}/ready`)).status).toBe(200);
  });
});
