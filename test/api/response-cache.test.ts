import type { Actor } from '../../src/application/access';
import type { GraphBackend } from '../../src/application/ports/graph-backend';
import { SqliteGraphStore } from '../../src/storage/sqlite/sqlite-graph-store';
import { StoreUnavailableError } from '../../src/storage/store-errors';
import { countingStore } from '../support/counting-store';
import { FIXTURE } from '../support/fixture-graph';
import { createTestApi } from '../support/test-api';

const RESEARCHER: Actor = { name: 'ada', role: 'admin' }; // an admin's writes are ACTIVE at once
const BOJ =
  '{ propagate(shocks: [{ entityId: "boj-policy-rate" }], maxHops: 2) { impacts { entity { id name } strength } paths { edges { id weight } strength } } }';
const UPDATE =
  'mutation($rev: Int!) { updateEdge(id: "boj-hike-strengthens-yen", patch: { weight: 0.3 }, expectedRevision: $rev) { revision } }';

describe('the response cache', () => {
  it('answers a repeated read without the resolvers, then a write makes it recompute', async () => {
    const counted = countingStore(SqliteGraphStore.inMemory(FIXTURE));
    const api = createTestApi(counted.store);
    const first = await api.data(BOJ);
    expect(counted.calls.get('causalGraph')).toBe(1);

    counted.reset();
    expect(await api.data(BOJ)).toEqual(first);
    // Only the version was read: no propagation, no entity or edge loads.
    expect(Object.fromEntries(counted.calls)).toEqual({ graphVersion: 1 });

    await api.data(UPDATE, { rev: 1 }, RESEARCHER);
    counted.reset();
    const after = await api.data(BOJ);
    expect(counted.calls.get('causalGraph')).toBe(1);
    const weight = (data: typeof first) =>
      data.propagate.paths
        .flatMap((p: { edges: Array<{ id: string; weight: number }> }) => p.edges)
        .find((e: { id: string }) => e.id === 'boj-hike-strengthens-yen').weight;
    expect(weight(first)).toBe(0.8);
    expect(weight(after)).toBe(0.3);
  });

  it('keeps answers apart by query text and variables', async () => {
    const api = createTestApi(SqliteGraphStore.inMemory(FIXTURE));
    const query =
      'query($h: Int!) { propagate(shocks: [{ entityId: "boj-policy-rate" }], maxHops: $h, minStrength: 0) { paths { hops } } }';
    const one = await api.data(query, { h: 1 });
    const three = await api.data(query, { h: 3 });
    expect(Math.max(...one.propagate.paths.map((p: { hops: number }) => p.hops))).toBe(1);
    expect(Math.max(...three.propagate.paths.map((p: { hops: number }) => p.hops))).toBeGreaterThan(1);
    expect(await api.data(query, { h: 1 })).toEqual(one);
  });

  it('never caches an answer with errors, nor a mutation', async () => {
    const counted = countingStore(SqliteGraphStore.inMemory(FIXTURE));
    const api = createTestApi(counted.store);
    const missing = '{ propagate(shocks: [{ entityId: "no-such-entity" }]) { impacts { strength } } }';
    for (let i = 0; i < 2; i++) {
      counted.reset();
      const { errors } = await api.run(missing);
      expect(errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(counted.calls.get('causalGraph')).toBe(1);
    }
    // The same mutation twice runs twice: the second is refused as stale, not replayed.
    expect((await api.data(UPDATE, { rev: 1 }, RESEARCHER)).updateEdge.revision).toBe(2);
    const again = await api.run(UPDATE, { rev: 1 }, RESEARCHER);
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('still answers when the version cannot be read, uncached', async () => {
    const store = SqliteGraphStore.inMemory(FIXTURE);
    const flaky: GraphBackend = Object.assign(Object.create(store), {
      graphVersion: () => Promise.reject(new Error('connection refused')),
    });
    const counted = countingStore(flaky);
    const api = createTestApi(counted.store);
    const expected = await createTestApi(SqliteGraphStore.inMemory(FIXTURE), [], { responseCacheBytes: 0 }).data(BOJ);
    for (let i = 0; i < 2; i++) {
      counted.reset();
      expect(await api.data(BOJ)).toEqual(expected);
      expect(counted.calls.get('causalGraph')).toBe(1);
    }
  });

  it('answers SERVICE_UNAVAILABLE at once when the database is down, without trying every resolver again', async () => {
    const store = SqliteGraphStore.inMemory(FIXTURE);
    const down: GraphBackend = Object.assign(Object.create(store), {
      graphVersion: () => Promise.reject(new StoreUnavailableError('the graph database is unavailable')),
    });
    const counted = countingStore(down);
    const api = createTestApi(counted.store);
    const result = await api.run(BOJ);
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: 'The graph database is unavailable right now; try again shortly.',
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      }),
    ]);
    expect(Object.fromEntries(counted.calls)).toEqual({ graphVersion: 1 });
    expect(api.reported).toEqual([]);
  });

  it('can be turned off', async () => {
    const counted = countingStore(SqliteGraphStore.inMemory(FIXTURE));
    const api = createTestApi(counted.store, [], { responseCacheBytes: 0 });
    await api.data(BOJ);
    counted.reset();
    await api.data(BOJ);
    expect(counted.calls.get('causalGraph')).toBe(1);
    expect(counted.calls.has('graphVersion')).toBe(false);
  });
});
