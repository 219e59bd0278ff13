import { parse } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { buildApiSchema } from '../../src/graphql/build-schema';
import { costEstimator, costRefusal, listSizesFor, type ListSizes, type ListSizeSource } from '../../src/graphql/limits';

/**
 * The cost model prices what a list can really hold: writer-grown lists by the store's
 * real sizes, and a channel answer's paths per path, as many as its topPaths.
 */
const schema = buildApiSchema();
const SIZES: ListSizes = { sources: 5, degree: 12, history: 1, quotes: 3 };
const MAX_COST = 100_000;

function cost(query: string, sizes: ListSizes = SIZES, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  return getComplexity({ schema, query: document, variables, estimators: [costEstimator(sizes, document, variables)] });
}

const refused = (query: string, sizes: ListSizes = SIZES, variables: Record<string, unknown> = {}) =>
  costRefusal(schema, parse(query), variables, undefined, MAX_COST, sizes)?.extensions.code;

describe('the cost model', () => {
  describe("a channel answer's paths", () => {
    const channels = (topPaths: string, selection: string) =>
      `channels(from: { entityId: "boj-policy-rate" }, to: "ust-10y-yield", maxHops: 4, topPaths: ${topPaths}) { ${selection} }`;
    const explained = 'paths { explanation { text steps { sentence quote } } }';

    it('are priced per path, so explanations for a thousand paths cost a thousand explanations', () => {
      const one = cost(`{ ${channels('1', explained)} }`);
      const thousand = cost(`{ ${channels('1000', explained)} }`);
      // Each explanation is 200 units of work at least.
      expect(thousand - one).toBeGreaterThanOrEqual(999 * 200);
      expect(refused(`{ ${channels('1000', explained)} }`)).toBe('COST_LIMIT_EXCEEDED');
      expect(refused(`{ ${channels('25', explained)} }`)).toBeUndefined();
    });

    it('take their count from a variable, and through fragments, as from a literal', () => {
      const literal = cost(`{ ${channels('300', explained)} }`);
      expect(cost(`query($k: Int!) { ${channels('$k', explained)} }`, SIZES, { k: 300 })).toBe(literal);
      expect(cost(`{ ${channels('300', '...P')} } fragment P on Channels { ${explained} }`)).toBe(literal);
      expect(cost(`{ ...Q } fragment Q on Query { ${channels('300', explained)} }`)).toBe(literal);
    });

    it('do not multiply the contributions beside them', () => {
      const contributions = 'contributions(first: 10) { contribution edge { id } }';
      const alone = cost(`{ ${channels('1', contributions)} }`);
      expect(cost(`{ ${channels('1000', contributions)} }`)).toBe(alone);
    });
  });

  describe('lists that writers grow', () => {
    it("price an entity's outgoing and incoming edges by the largest degree in the store", () => {
      const query = '{ entities(first: 100) { nodes { outgoing { id mechanism } incoming { id } } } }';
      const curated = cost(query);
      const grown = cost(query, { ...SIZES, degree: 400 });
      expect(grown).toBeGreaterThan(30 * curated);
      expect(refused(query)).toBeUndefined();
      expect(refused(query, { ...SIZES, degree: 400 })).toBe('COST_LIMIT_EXCEEDED');
    });

    it('price a history by the longest in the store', () => {
      const query = '{ edges(first: 20) { nodes { history { at by reason } } } }';
      expect(cost(query, { ...SIZES, history: 3_000 }) - cost(query)).toBeGreaterThanOrEqual(20 * 2_999 * 3);
      expect(refused(query)).toBeUndefined();
      expect(refused(query, { ...SIZES, history: 3_000 })).toBe('COST_LIMIT_EXCEEDED');
    });

    it("price an edge's quotes by the most one edge has", () => {
      const quotes = '{ edges(first: 500) { nodes { evidence { quote source { id title } } } } }';
      expect(refused(quotes)).toBeUndefined();
      expect(refused(quotes, { ...SIZES, quotes: 50 })).toBe('COST_LIMIT_EXCEEDED');
    });

    it('are read from the store only when the operation names them (fragments included)', async () => {
      const asked: string[] = [];
      const longest = { degree: 30, history: 4, quotes: 6 };
      const source: ListSizeSource = {
        sourceCount: async () => (asked.push('sources'), 7),
        longestLists: async () => (asked.push('longest'), longest),
      };
      expect(await listSizesFor(parse('{ entity(id: "gold") { id name } }'), source)).toEqual({
        sources: 0,
        degree: 0,
        history: 0,
        quotes: 0,
      });
      expect(asked).toEqual([]);
      const sizes = await listSizesFor(
        parse('{ sources { id } entity(id: "gold") { ...E } } fragment E on Entity { incoming { history { at } } }'),
        source,
      );
      expect(sizes).toEqual({ sources: 7, ...longest });
      expect(asked.sort()).toEqual(['longest', 'sources']);
    });
  });
});
