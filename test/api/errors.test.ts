import type { GraphBackend } from '../../src/application/ports/graph-backend';
import { SqliteGraphStore } from '../../src/storage/sqlite/sqlite-graph-store';
import { FIXTURE } from '../support/fixture-graph';
import { createTestApi } from '../support/test-api';

/** A real store with one method made to fail as a broken database would. */
function failingEdgeStore(): GraphBackend {
  return Object.assign(Object.create(SqliteGraphStore.inMemory(FIXTURE)) as GraphBackend, {
    getEdges: async () => {
      const error = new Error('Neo.ClientError.Statement.SyntaxError: MATCH (e:CausalEdge) at /srv/app/secret.ts:12');
      (error as Error & { code: string }).code = 'Neo.ClientError.Statement.SyntaxError';
      throw error;
    },
  });
}

describe('errors', () => {
  it('masks an internal failure: no message, stack, query text or driver code reaches the client', async () => {
    const api = createTestApi(failingEdgeStore());
    const result = await api.run('{ edge(id: "boj-hike-strengthens-yen") { id } }');
    expect(result.errors).toEqual([{ message: 'Internal server error', path: ['edge'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    expect(JSON.stringify(result)).not.toMatch(/Neo|MATCH|secret|stack/);
    expect(api.reported).toHaveLength(1);
    expect(String(api.reported[0])).toMatch(/SyntaxError/);
  });

  it('refuses a subscription sent over HTTP with BAD_REQUEST, naming WebSocket (it used to answer an internal error)', async () => {
    const api = createTestApi(SqliteGraphStore.inMemory(FIXTURE));
    const result = await api.run('subscription { graphChanged { version } }');
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_REQUEST' });
    expect(result.errors![0].message).toMatch(/WebSocket/);
  });

  it('keeps GraphQL validation errors as they are: they are about the request', async () => {
    const api = createTestApi(SqliteGraphStore.inMemory(FIXTURE));
    const result = await api.run('{ entity(id: "usd-jpy") { nmae } }');
    expect(result.errors![0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(result.errors![0].message).toMatch(/Cannot query field "nmae" on type "Entity"/);
  });

  it('answers a variable of the wrong type with BAD_USER_INPUT naming the variable', async () => {
    const api = createTestApi(SqliteGraphStore.inMemory(FIXTURE));
    const result = await api.run('query($h: Int!) { propagate(shocks: [{ entityId: "usd-jpy" }], maxHops: $h) { paths { hops } } }', {
      h: 'three',
    });
    expect(result.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(result.errors![0].message).toMatch(/\$h/);
  });

  it('answers an unknown enum value in a shock with a validation error naming the enum', async () => {
    const api = createTestApi(SqliteGraphStore.inMemory(FIXTURE));
    const result = await api.run('{ propagate(shocks: [{ entityId: "usd-jpy", direction: SIDEWAYS }]) { paths { hops } } }');
    expect(result.errors![0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(result.errors![0].message).toMatch(/Value "SIDEWAYS" does not exist in "Direction" enum/);
  });
});
