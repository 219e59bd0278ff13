import { MAX_VARIABLE_DEPTH } from '../../src/graphql/limits';
import { SqliteGraphStore } from '../../src/storage/sqlite/sqlite-graph-store';
import { FIXTURE } from '../support/fixture-graph';
import { createTestApi } from '../support/test-api';

const nested = (depth: number, leaf: unknown, wrap: (inner: unknown) => unknown): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = wrap(value);
  return value;
};

const SHOCKS = 'query($s: [ShockInput!]!) { propagate(shocks: $s, maxHops: 1) { impacts { entity { id } } } }';

describe('deeply nested variables', () => {
  const api = createTestApi(SqliteGraphStore.inMemory(FIXTURE));
  const cases: Array<[string, string, (depth: number) => Record<string, unknown>]> = [
    ['an object in a shock', SHOCKS, (depth) => ({ s: [nested(depth, 'boj-policy-rate', (v) => ({ entityId: v }))] })],
    ['a list in a list', SHOCKS, (depth) => ({ s: nested(depth, [], (v) => [v]) })],
    [
      'an object in a string',
      'query($q: String) { entities(search: $q) { totalCount } }',
      (depth) => ({ q: nested(depth, 'x', (v) => ({ a: v })) }),
    ],
    ['an unused variable', '{ __typename }', (depth) => ({ unused: nested(depth, 1, (v) => ({ a: [v] })) })],
  ];

  // 200,000 levels overflowed the stack in the response cache's key: an internal error, 500.
  describe.each([1_000, 200_000])('%i levels', (depth) => {
    it.each(cases)('answers %s with BAD_USER_INPUT naming the variable, not an internal error', async (_name, query, variables) => {
      const result = await api.run(query, variables(depth));
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT' });
      expect(result.errors![0].message).toMatch(new RegExp(`^Variable "\\$\\w+" is nested more than ${MAX_VARIABLE_DEPTH} levels deep`));
      expect(api.reported).toEqual([]);
    });
  });

  it('lets variables as deep as the schema needs through', async () => {
    const { propagate } = await api.data(SHOCKS, { s: [{ entityId: 'boj-policy-rate', direction: 'UP' }] });
    expect(propagate.impacts.length).toBeGreaterThan(0);
  });
});
