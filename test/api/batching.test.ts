import { SqliteGraphStore } from '../../src/storage/sqlite/sqlite-graph-store';
import { countingStore } from '../support/counting-store';
import { FIXTURE } from '../support/fixture-graph';
import { DEFAULT_LIMITS } from '../../src/graphql/limits';
import { createTestApi } from '../support/test-api';

describe('nested fields load per level, not per parent', () => {
  const counted = countingStore(SqliteGraphStore.inMemory(FIXTURE));
  // Counts the resolvers' store calls, so without the response cache; its deliberately deep
  // queries are priced far above the default cost limit, which is not what is tested here.
  const api = createTestApi(counted.store, [], { responseCacheBytes: 0, limits: { ...DEFAULT_LIMITS, maxCost: 10_000_000 } });
  beforeEach(() => counted.reset());

  it('costs one store call per level of a nested entity query', async () => {
    const { entities } = await api.data(`{
      entities(first: 50) {
        nodes {
          outgoing {
            to { incoming { id } outgoing { evidence { source { id } } } }
          }
        }
      }
    }`);
    expect(entities.nodes).toHaveLength(FIXTURE.entities.length);
    expect(Object.fromEntries(counted.calls)).toEqual({
      searchEntities: 1,
      getOutgoing: 1, // the targets are among the listed entities: their outgoing edges come from the request's cache
      getEntities: 1, // every `to` at once
      getIncoming: 1,
      getSources: 1,
      longestLists: 1, // the cost model prices `outgoing` by the store's largest degree, read once
    });
  });

  it('costs one call per level along a chain where every level asks for new keys', async () => {
    const { entities } = await api.data(`{
      entities(kinds: [MARKET]) {
        nodes { id outgoing { to { id outgoing { to { id outgoing { to { id } } } } } } }
      }
    }`);
    // usd-jpy, ust-10y-yield → fed-policy-rate → yen-carry-trade → three edges out
    expect(entities.nodes[1].outgoing[0].to.outgoing[0].to.outgoing).toHaveLength(3);
    expect(Object.fromEntries(counted.calls)).toEqual({ searchEntities: 1, getOutgoing: 3, getEntities: 3, longestLists: 1 });
  });

  it('costs the same number of store calls for one path as for many', async () => {
    const query = (topPaths: number) => `{
      propagate(shocks: [{ entityId: "boj-policy-rate" }], maxHops: 4, minStrength: 0, topPaths: ${topPaths}) {
        paths { entities { id } edges { id from { name } evidence { source { id } } } }
        impacts { entity { id } }
      }
    }`;
    const one = await api.data(query(1));
    const oneCalls = Object.fromEntries(counted.calls);
    counted.reset();
    const many = await api.data(query(1000));
    expect(one.propagate.paths).toHaveLength(1);
    expect(many.propagate.paths.length).toBeGreaterThan(5);
    expect(Object.fromEntries(counted.calls)).toEqual(oneCalls);
    expect(oneCalls).toEqual({ causalGraph: 1, getEntities: 1, getEdges: 1, getSources: 1, longestLists: 1 });
  });
});
