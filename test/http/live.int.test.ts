import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphql, healthy, startApi, until, type ApiProcess } from '../support/api-process';
import { collect, liveClient, rawSocket } from '../support/live-client';

const ADMIN = 'live-admin-token-0001';
const RESEARCHER = 'live-researcher-token-1';
const GRAPH_CHANGED = 'subscription { graphChanged { version kind edgeId entityId sourceId } }';
const EDGE_CHANGED = 'subscription($id: ID!) { edgeChanged(id: $id) { id revision status mechanism } }';
const UPDATE = `mutation($id: ID!, $rev: Int!, $m: String, $reason: String) {
  updateEdge(id: $id, patch: { mechanism: $m }, expectedRevision: $rev, reason: $reason) { revision } }`;

/** Bounds small enough to reach in a test (README, Limits, gives the defaults). */
const LIMITS = {
  LIVE_MAX_CONNECTIONS: '4',
  LIVE_MAX_CONNECTIONS_PER_CLIENT: '2',
  LIVE_MAX_SUBSCRIPTIONS: '2',
  LIVE_MAX_MESSAGES_PER_MINUTE: '12',
  LIVE_MAX_BUFFERED_KB: '16',
};

let api: ApiProcess;

beforeAll(async () => {
  api = await startApi({
    DATA_DIR: mkdtempSync(join(tmpdir(), 'live-')),
    API_TOKENS: `${ADMIN}:admin,${RESEARCHER}:researcher`,
    RATE_LIMIT_PER_MINUTE: '0',
    ...LIMITS,
  });
  await healthy(api);
}, 60_000);

afterAll(() => api?.child.kill('SIGKILL'));

const write = (query: string, variables?: Record<string, unknown>) => graphql(api.base, query, variables, ADMIN);

async function edgeAt(id: string): Promise<number> {
  return (await graphql(api.base, 'query($id: ID!) { edge(id: $id) { revision } }', { id })).data.edge.revision;
}

/** Resolves once the server holds `n` live connections (GET /health). */
const openLive = async () => ((await (await fetch(`${api.base}/health`)).json()) as { liveConnections: number }).liveConnections;
const liveConnections = (n: number) => until(`${n} live connections`, async () => ((await openLive()) === n ? n : undefined), 10_000);
/** Resolves once `n` subscriptions run (GET /health): a change committed from then on reaches each. */
const liveSubscriptions = (n: number) =>
  until(
    `${n} running subscriptions`,
    async () =>
      ((await (await fetch(`${api.base}/health`)).json()) as { liveSubscriptions: number }).liveSubscriptions === n ? n : undefined,
    10_000,
  );

describe('graphChanged', () => {
  it('announces every accepted write, in commit order, and nothing for a refused one', async () => {
    const client = liveClient(api.base);
    try {
      const changes = collect(client, GRAPH_CHANGED);
      await liveConnections(1);
      await liveSubscriptions(1);
      await write('mutation { upsertEntity(input: { id: "live-a", name: "Live A", kind: OTHER, measure: "level" }) { id } }');
      await write('mutation { addSource(input: { id: "live-src", title: "Live", language: "en" }) { id } }');
      const added = await write(
        `mutation { addEdge(input: { from: "usd-liquidity", to: "live-a", polarity: POSITIVE, weight: 0.3, confidence: 0.3,
           mechanism: "More liquidity lifts A.", evidence: [{ sourceId: "live-src", quote: "liquidity lifts A" }] }) { id revision } }`,
      );
      const edgeId = added.data.addEdge.id as string;
      // A write based on a stale revision is refused: no change.
      expect((await write(UPDATE, { id: edgeId, rev: 9, m: 'stale' })).errors[0].extensions.code).toBe('CONFLICT');
      await write(UPDATE, { id: edgeId, rev: 1, m: 'Corrected.' });
      await write('mutation($id: ID!) { retractEdge(id: $id, reason: "test", expectedRevision: 2) { revision } }', { id: edgeId });

      const got = (await changes.wait(5)).map((r) => r.data.graphChanged);
      await new Promise((r) => setTimeout(r, 300));
      expect(changes.results).toHaveLength(5);
      expect(got.map((c) => [c.kind, c.edgeId ?? c.entityId ?? c.sourceId])).toEqual([
        ['ENTITY_UPSERTED', 'live-a'],
        ['SOURCE_ADDED', 'live-src'],
        ['EDGE_ADDED', edgeId],
        ['EDGE_UPDATED', edgeId],
        ['EDGE_RETRACTED', edgeId],
      ]);
      const versions = got.map((c) => Number(c.version));
      expect(versions).toEqual(versions.map((_, i) => versions[0] + i));
    } finally {
      await client.dispose();
    }
  }, 30_000);

  it('is served over WebSocket only as a subscription, within the same depth and cost limits as HTTP', async () => {
    const client = liveClient(api.base);
    try {
      const refusal = async (query: string) => {
        const collected = collect(client, query);
        return until(`a refusal of ${query}`, async () => (collected.errors[0] as any[] | undefined)?.[0], 10_000);
      };
      expect(await refusal('{ entity(id: "gold") { id } }')).toEqual(
        expect.objectContaining({ extensions: { code: 'BAD_REQUEST' }, message: expect.stringContaining('HTTP') }),
      );
      const deep = await refusal(
        'subscription { edgeChanged(id: "x") { from { outgoing { from { outgoing { from { outgoing { from { outgoing { from { outgoing { id } } } } } } } } } } } }',
      );
      expect(deep).toEqual(
        expect.objectContaining({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' }, message: expect.stringMatching(/depth limit of 10/) }),
      );
      expect(await refusal('subscription { graphChanged { verzion } }')).toEqual(
        expect.objectContaining({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' }, message: expect.stringContaining('verzion') }),
      );
    } finally {
      await client.dispose();
    }
  }, 30_000);
});

describe('edgeChanged', () => {
  it("sends the edge as it is after each of its own changes, and nothing for other edges' or entities' writes", async () => {
    const ids = ((await graphql(api.base, '{ edges(first: 2) { nodes { id } } }')).data.edges.nodes as Array<{ id: string }>).map(
      (e) => e.id,
    );
    const [followed, other] = ids;
    const client = liveClient(api.base, { authorization: `Bearer ${RESEARCHER}` });
    try {
      const edge = collect(client, EDGE_CHANGED, { id: followed });
      const unknown = collect(client, EDGE_CHANGED, { id: 'no-such-edge' });
      await unknown.wait(1);
      expect(unknown.results[0].errors).toEqual([expect.objectContaining({ extensions: { code: 'NOT_FOUND' } })]);
      await liveSubscriptions(1); // the followed edge's; the refused one never ran
      const start = await edgeAt(followed);
      await write(UPDATE, { id: other, rev: await edgeAt(other), m: 'Another edge.' });
      await write('mutation { upsertEntity(input: { id: "live-b", name: "Live B", kind: OTHER }) { id } }');
      await write(UPDATE, { id: followed, rev: start, m: 'First correction.' });
      await write(UPDATE, { id: followed, rev: start + 1, m: 'Second correction.' });
      const got = (await edge.wait(2)).map((r) => r.data.edgeChanged);
      await new Promise((r) => setTimeout(r, 300));
      expect(edge.results).toHaveLength(2);
      expect(got).toEqual([
        { id: followed, revision: start + 1, status: 'ACTIVE', mechanism: 'First correction.' },
        { id: followed, revision: start + 2, status: 'ACTIVE', mechanism: 'Second correction.' },
      ]);
    } finally {
      await client.dispose();
    }
  }, 30_000);
});

describe('tokens in connectionParams', () => {
  it('takes a valid token, refuses an invalid one with 4401, and lets anonymous readers in; never logs a token', async () => {
    const good = rawSocket(api.base, { authorization: `Bearer ${RESEARCHER}` });
    const anonymous = rawSocket(api.base, {});
    const bad = rawSocket(api.base, { authorization: 'Bearer not-a-valid-token' });
    try {
      expect(await bad.closed).toEqual({ code: 4401, reason: expect.stringContaining('Unauthorized') });
      await until('two acks', async () => (good.messages.length && anonymous.messages.length ? true : undefined), 10_000);
      expect(good.messages[0]).toEqual({ type: 'connection_ack' });
      expect(anonymous.messages[0]).toEqual({ type: 'connection_ack' });
      expect(api.output()).not.toContain(RESEARCHER);
      expect(api.output()).not.toContain('not-a-valid-token');
    } finally {
      good.ws.close();
      anonymous.ws.close();
    }
    await liveConnections(0);
  }, 30_000);
});

describe('bounds', () => {
  it("refuses an upgrade from another site's page (403), as HTTP does, and lets its own pages and non-browser clients in", async () => {
    const evil = rawSocket(api.base, {}, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'websocket' });
    expect(await evil.refused).toBe(403);
    const own = rawSocket(api.base, {}, { origin: api.base, 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'websocket' });
    const script = rawSocket(api.base, {});
    try {
      await until(
        'both connections acknowledged',
        async () => ([own, script].every((s) => s.messages.some((m) => m.type === 'connection_ack')) ? true : undefined),
        10_000,
      );
    } finally {
      own.ws.close();
      script.ws.close();
    }
    await liveConnections(0);
  });

  it('holds at most LIVE_MAX_CONNECTIONS_PER_CLIENT per token and LIVE_MAX_CONNECTIONS in all (then HTTP 503)', async () => {
    const a1 = rawSocket(api.base, { authorization: `Bearer ${ADMIN}` });
    const a2 = rawSocket(api.base, { authorization: `Bearer ${ADMIN}` });
    await until('two acks', async () => (a1.messages.length && a2.messages.length ? true : undefined), 10_000);
    const a3 = rawSocket(api.base, { authorization: `Bearer ${ADMIN}` });
    expect(await a3.closed).toEqual({ code: 1013, reason: expect.stringContaining('at most 2') });
    // Another client is not held back by the first one's bound…
    const r1 = rawSocket(api.base, { authorization: `Bearer ${RESEARCHER}` });
    const r2 = rawSocket(api.base, { authorization: `Bearer ${RESEARCHER}` });
    await until('two more acks', async () => (r1.messages.length && r2.messages.length ? true : undefined), 10_000);
    // …but the total is 4.
    const fifth = rawSocket(api.base, {});
    expect(await fifth.refused).toBe(503);
    for (const s of [a1, a2, r1, r2]) s.ws.close();
    await Promise.all([a1, a2, r1, r2].map((s) => s.closed));
    // Closed connections give their places back: once the server has handled each close
    // (just after /health stops counting it), a new one is acknowledged.
    await until(
      'a place given back',
      async () => {
        const again = rawSocket(api.base, { authorization: `Bearer ${ADMIN}` });
        const acked = await Promise.race([
          again.closed.then(() => false),
          until('an ack', async () => (again.messages.length ? true : undefined), 10_000),
        ]);
        again.ws.close();
        await again.closed;
        return acked ? true : undefined;
      },
      10_000,
    );
    await liveConnections(0);
  }, 30_000);

  it('holds LIVE_MAX_SUBSCRIPTIONS per connection, bounds message size and LIVE_MAX_MESSAGES_PER_MINUTE', async () => {
    const socket = rawSocket(api.base, {});
    await until('an ack', async () => (socket.messages.length ? true : undefined), 10_000);
    for (const id of ['1', '2', '3']) socket.send({ id, type: 'subscribe', payload: { query: GRAPH_CHANGED } });
    await until('a refusal', async () => socket.messages.find((m) => m.type === 'error'), 10_000);
    expect(socket.messages.filter((m) => m.type === 'error')).toEqual([
      {
        id: '3',
        type: 'error',
        payload: [expect.objectContaining({ extensions: { code: 'BAD_REQUEST' }, message: expect.stringContaining('At most 2') })],
      },
    ]);
    // A finished subscription frees its place.
    socket.send({ id: '1', type: 'complete' });
    socket.send({ id: '4', type: 'subscribe', payload: { query: GRAPH_CHANGED } });
    await new Promise((r) => setTimeout(r, 300));
    expect(socket.messages.filter((m) => m.type === 'error')).toHaveLength(1);
    // Messages: 6 sent so far; the 13th within a minute closes the connection.
    for (let i = 0; i < 7; i++) socket.send({ type: 'ping' });
    expect(await socket.closed).toEqual({ code: 1008, reason: expect.stringContaining('at most 12 a minute') });

    const big = rawSocket(api.base, {});
    await until('an ack', async () => (big.messages.length ? true : undefined), 10_000);
    big.send({ id: '1', type: 'subscribe', payload: { query: `subscription { graphChanged { version } } # ${'x'.repeat(70_000)}` } });
    expect((await big.closed).code).toBe(1009); // Message Too Big: over 64 KB
    await liveConnections(0);
  }, 30_000);

  it('drops a subscriber that stops reading (over LIVE_MAX_BUFFERED_KB unsent) while others keep every change', async () => {
    const edge = (await graphql(api.base, '{ edges(first: 3) { nodes { id } } }')).data.edges.nodes[2].id as string;
    const fast = liveClient(api.base);
    const slow = rawSocket(api.base, {});
    try {
      const kept = collect(fast, EDGE_CHANGED, { id: edge });
      await until('an ack', async () => (slow.messages.length ? true : undefined), 10_000);
      // Each change sends the edge's history, 2 KB a revision: the unread bytes grow fast.
      const big = 'subscription($id: ID!) { edgeChanged(id: $id) { revision history { reason } } }';
      for (const id of ['1', '2']) slow.send({ id, type: 'subscribe', payload: { query: big, variables: { id: edge } } });
      await liveConnections(2);
      await liveSubscriptions(3);
      (slow.ws as any)._socket.pause(); // stops reading: the kernel's buffers fill, then the server's

      let rev = await edgeAt(edge);
      let writes = 0;
      let dropped = false;
      for (; writes < 300 && !dropped; writes++) {
        rev = (await write(UPDATE, { id: edge, rev, m: `Write ${writes}.`, reason: `${'r'.repeat(1990)} ${writes}` })).data.updateEdge
          .revision;
        dropped = (await openLive()) === 1;
      }
      expect(dropped).toBe(true);
      (slow.ws as any)._socket.resume();
      expect(await slow.closed).toEqual({ code: 4008, reason: expect.stringContaining('Slow consumer') });
      expect(slow.messages.length).toBeLessThan(2 * writes + 1);
      // The one that reads got every change, in order.
      const revisions = (await kept.wait(writes, 30_000)).map((r) => r.data.edgeChanged.revision);
      expect(revisions).toEqual(revisions.map((_, i) => revisions[0] + i));
      expect(revisions.at(-1)).toBe(rev);
    } finally {
      await fast.dispose();
    }
  }, 120_000);
});
