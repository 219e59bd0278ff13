import type { Server } from 'node:http';
import { syntheticGraph } from '../../bench/synthetic-graph';
import { createServices } from '../../src/composition-root';
import { createApp } from '../../src/http/create-app';
import { TokenRegistry } from '../../src/http/auth/token-registry';
import type { GraphBackend } from '../../src/application/ports/graph-backend';
import { SqliteGraphStore } from '../../src/storage/sqlite/sqlite-graph-store';
import { FIXTURE } from '../support/fixture-graph';
import { serveApp, type Running } from '../support/serve-app';

const serve = serveApp;

const post = (base: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

async function answer(response: Response): Promise<{ status: number; code?: string; message?: string; body: any }> {
  const body: any = await response.json();
  return { status: response.status, code: body.errors?.[0]?.extensions?.code, message: body.errors?.[0]?.message, body };
}

/** entity, then `levels` × partOf, then id: a depth of levels + 2 that costs next to nothing. */
const nested = (levels: number) => `{ entity(id: "boj-policy-rate") { ${'partOf { '.repeat(levels)}id${' }'.repeat(levels)} } }`;

describe('operation limits, before anything runs', () => {
  let api: Running;
  beforeAll(async () => {
    api = await serve(SqliteGraphStore.inMemory(FIXTURE));
  });
  afterAll(() => api.close());

  it('refuses nesting deeper than 10 with 400, and accepts 10', async () => {
    expect((await answer(await post(api.base, { query: nested(8) }))).status).toBe(200);
    const deep = await answer(await post(api.base, { query: nested(9) }));
    expect(deep).toMatchObject({ status: 400, code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(deep.message).toMatch(/depth limit of 10/);
  });

  it('refuses more than 15 aliases', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: entity(id: "boj-policy-rate") { id }`).join(' ')} }`;
    expect((await answer(await post(api.base, { query: aliases(15) }))).status).toBe(200);
    const many = await answer(await post(api.base, { query: aliases(16) }));
    expect(many).toMatchObject({ status: 400, code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(many.message).toMatch(/Aliases limit of 15/i);
  });

  it('stops parsing past 2000 tokens', async () => {
    const long = `{ ${Array.from({ length: 2_100 }, () => '__typename').join(' ')} }`;
    const refused = await answer(await post(api.base, { query: long }));
    expect(refused).toMatchObject({ status: 400, code: 'GRAPHQL_PARSE_FAILED' });
    expect(refused.message).toMatch(/2000 tokens/);
  });

  it('prices propagation by its arguments and refuses what costs too much', async () => {
    const propagate = (shockIds: string[], maxHops: number, topPaths: number, alias = 'p') =>
      `${alias}: propagate(shocks: [${shockIds.map((id) => `{ entityId: "${id}" }`).join(', ')}], maxHops: ${maxHops}, minStrength: 0.5, topPaths: ${topPaths}) { paths { entities { id } edges { id } strength } }`;
    const boj = ['boj-policy-rate'];
    expect((await answer(await post(api.base, { query: `{ ${propagate(boj, 8, 1000)} }` }))).status).toBe(200);
    // The same question, asked five times at once through aliases, costs five times as much.
    const five = await answer(
      await post(api.base, { query: `{ ${[1, 2, 3, 4, 5].map((i) => propagate(boj, 8, 1000, `p${i}`)).join(' ')} }` }),
    );
    expect(five).toMatchObject({ status: 400, code: 'COST_LIMIT_EXCEEDED', body: { errors: [{ extensions: { maxCost: 100_000 } }] } });
    expect(five.body.errors[0].extensions.cost).toBeGreaterThan(100_000);
    // More shocks and more hops multiply the walk's cost; refused before any resolver runs
    // (these ids do not exist, which only a resolver would notice).
    const twenty = Array.from({ length: 20 }, (_, i) => `no-such-entity-${i}`);
    expect(await answer(await post(api.base, { query: `{ ${propagate(twenty, 8, 1)} }` }))).toMatchObject({
      status: 400,
      code: 'COST_LIMIT_EXCEEDED',
    });
    expect(await answer(await post(api.base, { query: `{ ${propagate(twenty, 3, 1)} }` }))).toMatchObject({
      status: 200,
      code: 'BAD_USER_INPUT',
    });
  });

  it('counts variables into the cost', async () => {
    const one = (alias: string, id: string) =>
      `${alias}: propagate(shocks: [{ entityId: "${id}" }], maxHops: $h, topPaths: $k) { paths { entities { id } edges { id } } }`;
    const query = `query($h: Int!, $k: Int!) { ${one('a', 'boj-policy-rate')} ${one('b', 'usd-jpy')} ${one('c', 'ust-10y-yield')} ${one('d', 'yen-carry-trade')} }`;
    expect((await answer(await post(api.base, { query, variables: { h: 3, k: 10 } }))).status).toBe(200);
    expect(await answer(await post(api.base, { query, variables: { h: 8, k: 1000 } }))).toMatchObject({
      status: 400,
      code: 'COST_LIMIT_EXCEEDED',
    });
  });

  it('answers a variable nested 300,000 levels (a body under 1 MB) with 400 BAD_USER_INPUT, not a 500', async () => {
    const deep = `{"query":"query($s: [ShockInput!]!) { propagate(shocks: $s) { impacts { strength } } }","variables":{"s":${'['.repeat(300_000)}${']'.repeat(300_000)}}}`;
    const refused = await answer(await post(api.base, deep));
    expect(refused).toMatchObject({ status: 400, code: 'BAD_USER_INPUT' });
    expect(refused.message).toMatch(/^Variable "\$s" is nested more than \d+ levels deep/);
  });

  it('refuses batched operations', async () => {
    const batch = await post(api.base, [{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(batch.status).toBe(400);
    expect(await batch.text()).toMatch(/batching/i);
  });

  it('refuses bodies over 1 MB with 413, and a body that is not JSON with 400, both as JSON', async () => {
    const big = await answer(await post(api.base, { query: '{ __typename }', variables: { pad: 'x'.repeat(1_100_000) } }));
    expect(big).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    const broken = await answer(await post(api.base, '{"query": "{ __typename }"'));
    expect(broken).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    expect(JSON.stringify(broken.body)).not.toMatch(/at |node_modules|\.js/);
  });

  it('runs a simple GET query with no preflight header (CSRF prevention is replaced: see cors.int.test.ts)', async () => {
    const simple = await fetch(`${api.base}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(simple.status).toBe(200);
    expect(await simple.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('errors in production', () => {
  it('leave out field suggestions when schema details are hidden, and give them otherwise', async () => {
    const typo = { query: '{ entitty(id: "boj-policy-rate") { id } }' };
    const open = await serve(SqliteGraphStore.inMemory(FIXTURE));
    const closed = await serve(SqliteGraphStore.inMemory(FIXTURE), { hideSchemaDetails: true });
    try {
      expect((await answer(await post(open.base, typo))).message).toMatch(/Did you mean/);
      const hidden = await answer(await post(closed.base, typo));
      expect(hidden).toMatchObject({ status: 400, code: 'GRAPHQL_VALIDATION_FAILED' });
      expect(hidden.message).not.toMatch(/Did you mean|entity/);
    } finally {
      await open.close();
      await closed.close();
    }
  });
});

describe('time bounds', () => {
  it('stops a propagation that runs past the request timeout, with TIMEOUT, and the server goes on answering', async () => {
    const heavy = SqliteGraphStore.inMemory(syntheticGraph(1_000, 20_000));
    const api = await serve(heavy, { requestTimeoutMs: 400 });
    try {
      const started = Date.now();
      const slow = await answer(
        await post(api.base, {
          query: '{ propagate(shocks: [{ entityId: "n0" }], maxHops: 8, minStrength: 0, topPaths: 1) { impacts { strength } } }',
        }),
      );
      expect(slow.code).toBe('TIMEOUT');
      expect(slow.message).toMatch(/longer than 0.4 s/);
      expect(Date.now() - started).toBeLessThan(3_000);
      // The walk stopped: the same single-threaded server answers at once.
      expect((await answer(await post(api.base, { query: '{ __typename }' }))).status).toBe(200);
    } finally {
      await api.close();
    }
  });

  it('answers 503 TIMEOUT when the store never answers', async () => {
    const store = SqliteGraphStore.inMemory(FIXTURE);
    const stuck: GraphBackend = Object.assign(Object.create(store), { getEntities: () => new Promise(() => {}) });
    const api = await serve(stuck, { requestTimeoutMs: 300, responseCacheBytes: 0 });
    try {
      const started = Date.now();
      const result = await answer(await post(api.base, { query: '{ entity(id: "boj-policy-rate") { id } }' }));
      expect(result).toMatchObject({ status: 503, code: 'TIMEOUT' });
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await api.close();
    }
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After past the limit, counting tokens and addresses apart', async () => {
    const tokens = TokenRegistry.parse('reader-token-1:researcher:ada');
    const api = await serve(SqliteGraphStore.inMemory(FIXTURE), { rateLimitPerMinute: 3, tokens });
    try {
      for (let i = 0; i < 3; i++) expect((await post(api.base, { query: '{ __typename }' })).status).toBe(200);
      const limited = await post(api.base, { query: '{ __typename }' });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await answer(limited)).code).toBe('RATE_LIMITED');
      // A token has its own allowance, apart from its address's.
      const withToken = await post(api.base, { query: '{ __typename }' }, { authorization: 'Bearer reader-token-1' });
      expect(withToken.status).toBe(200);
      // The probes are not limited.
      expect((await fetch(`${api.base}/health`)).status).toBe(200);
    } finally {
      await api.close();
    }
  });
});

describe('behind a proxy (TRUST_PROXY)', () => {
  it("counts each forwarded client apart when the proxy is trusted, and the proxy's own address otherwise", async () => {
    const limited = async (trustProxy?: number) => {
      const api = await serve(SqliteGraphStore.inMemory(FIXTURE), { rateLimitPerMinute: 2, trustProxy });
      try {
        const statuses: number[] = [];
        for (const client of ['203.0.113.1', '203.0.113.1', '203.0.113.2']) {
          statuses.push((await post(api.base, { query: '{ __typename }' }, { 'x-forwarded-for': client })).status);
        }
        return statuses;
      } finally {
        await api.close();
      }
    };
    // Trusted: the third request is another client's first.
    expect(await limited(1)).toEqual([200, 200, 200]);
    // Not trusted: all three are the proxy's.
    expect(await limited(undefined)).toEqual([200, 200, 429]);
  });
});

describe('probes and request ids', () => {
  it('/health is liveness, /ready is readiness; every response carries a request id', async () => {
    const parts = await createApp({ reportError: () => {} });
    const server: Server = parts.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      expect((await fetch(`${base}/health`)).status).toBe(200);
      const loading = await fetch(`${base}/ready`);
      expect(loading.status).toBe(503);
      expect(await loading.json()).toEqual({ status: 'unavailable', reason: 'the graph is loading' });

      const store = SqliteGraphStore.inMemory(FIXTURE);
      parts.attach(createServices(store));
      const ready = await fetch(`${base}/ready`);
      expect(await ready.json()).toEqual({
        status: 'ok',
        backend: 'memory',
        database: 'up',
        entities: FIXTURE.entities.length,
        edges: FIXTURE.edges.length,
      });
      expect(await (await fetch(`${base}/health`)).json()).toEqual({
        status: 'ok',
        backend: 'memory',
        entities: FIXTURE.entities.length,
        edges: FIXTURE.edges.length,
        liveConnections: 0,
        liveSubscriptions: 0,
      });

      const mine = await fetch(`${base}/health`, { headers: { 'x-request-id': 'trace-42' } });
      expect(mine.headers.get('x-request-id')).toBe('trace-42');
      const fresh = await fetch(`${base}/health`, { headers: { 'x-request-id': 'not a valid id; drop table' } });
      expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

      parts.drain();
      const draining = await fetch(`${base}/ready`);
      expect(draining.status).toBe(503);
      expect(draining.headers.get('connection')).toBe('close');
      expect((await fetch(`${base}/health`)).status).toBe(200);
    } finally {
      server.closeAllConnections();
      server.close();
      await parts.apollo.stop();
    }
  });
});
