import type { GraphSnapshot } from '../../src/domain/model/graph-snapshot';
import type { GraphBackend } from '../../src/application/ports/graph-backend';
import { bruteForcePropagate } from '../support/brute-force-propagate';
import { FIXTURE } from '../support/fixture-graph';
import { createTestApi, type TestApi } from '../support/test-api';

export type OpenStore = (snapshot: GraphSnapshot) => Promise<GraphBackend>;

/**
 * The read side of the API contract (API.md), written once and run against every storage
 * backend, through GraphQL, on the shared fixture graph.
 */
export function describeReadContract(backend: string, open: OpenStore): void {
  describe(`read contract on the ${backend} backend`, () => {
    let store: GraphBackend;
    let api: TestApi;

    beforeAll(async () => {
      store = await open(FIXTURE);
      api = createTestApi(store);
    });
    afterAll(() => store.close());

    const searchIds = async (search: string, extra = '') =>
      (await api.data(`{ entities(search: ${JSON.stringify(search)}${extra}) { nodes { id } totalCount } }`)).entities.nodes.map(
        (n: { id: string }) => n.id,
      );

    const expectBadInput = async (query: string, argument: string, message: RegExp) => {
      const result = await api.run(query);
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', argument });
      expect(result.errors![0].message).toMatch(message);
    };

    describe('entity', () => {
      it('returns an entity with its fields, structure and edges', async () => {
        const { entity } = await api.data(`{
          entity(id: "boj-policy-rate") {
            id name kind measure description aliases
            partOf { id name }
            outgoing { id to { id } }
            incoming { id }
          }
        }`);
        expect(entity).toEqual({
          id: 'boj-policy-rate',
          name: 'BOJ policy rate',
          kind: 'CENTRAL_BANK',
          measure: 'Policy tightening.',
          description: 'The BOJ short-term policy rate and YCC stance.',
          aliases: ['BOJ rate', '日本央行'],
          partOf: { id: 'bank-of-japan', name: 'Bank of Japan' },
          outgoing: [
            { id: 'boj-hike-strengthens-yen', to: { id: 'usd-jpy' } },
            { id: 'boj-hike-unwinds-carry', to: { id: 'yen-carry-trade' } },
          ],
          incoming: [],
        });
      });

      it('returns null for an unknown id', async () => {
        expect(await api.data('{ entity(id: "no-such-entity") { id } }')).toEqual({ entity: null });
      });
    });

    describe('entities search', () => {
      it('finds an entity by its id, name or alias, case-insensitively', async () => {
        expect((await searchIds('usd-jpy'))[0]).toBe('usd-jpy');
        expect((await searchIds('yen CARRY trade'))[0]).toBe('yen-carry-trade');
        expect((await searchIds('ust 10Y'))[0]).toBe('ust-10y-yield');
      });

      it('ranks exact matches before prefixes before partial matches', async () => {
        // "boj": exact alias of bank-of-japan; prefix of boj-policy-rate's id; nothing partial.
        expect(await searchIds('boj')).toEqual(['bank-of-japan', 'boj-policy-rate']);
        // "rate": a partial match only, in id order.
        expect(await searchIds('rate')).toEqual(['boj-policy-rate', 'fed-policy-rate']);
      });

      it('finds a Simplified alias with a Traditional query and a Traditional alias with a Simplified query', async () => {
        expect(await searchIds('日本银行')).toEqual(['bank-of-japan']); // alias written 日本銀行
        expect(await searchIds('美聯儲利率')).toEqual(['fed-policy-rate']); // alias written 美联储利率
        expect(await searchIds('美联储')).toEqual(['federal-reserve', 'fed-policy-rate']); // 美聯儲 exact, 美联储利率 prefix
        expect(await searchIds('国债')).toEqual(['ust-10y-yield']); // partial, alias written 美國國債收益率
      });

      it('filters by kind', async () => {
        const { entities } = await api.data('{ entities(kinds: [MARKET]) { nodes { id } totalCount } }');
        expect(entities).toEqual({ nodes: [{ id: 'usd-jpy' }, { id: 'ust-10y-yield' }], totalCount: 2 });
        expect(await searchIds('boj', ', kinds: [MARKET]')).toEqual([]);
      });

      it('answers an empty page when nothing matches', async () => {
        const { entities } = await api.data('{ entities(search: "zzz") { nodes { id } pageInfo { hasNextPage endCursor } totalCount } }');
        expect(entities).toEqual({ nodes: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 });
      });

      it('pages through every match exactly once, in order', async () => {
        const all = await searchIds('', ', first: 500');
        expect(all).toHaveLength(FIXTURE.entities.length);
        const seen: string[] = [];
        let after: string | null = null;
        for (let page = 0; page < 10; page++) {
          const { entities }: { entities: any } = await api.data(
            'query($after: String) { entities(first: 2, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } totalCount } }',
            { after },
          );
          expect(entities.totalCount).toBe(all.length);
          seen.push(...entities.nodes.map((n: { id: string }) => n.id));
          if (!entities.pageInfo.hasNextPage) break;
          after = entities.pageInfo.endCursor;
        }
        expect(seen).toEqual(all);
      });

      it('pages a search in rank order', async () => {
        const first = await api.data('{ entities(search: "美联储", first: 1) { nodes { id } pageInfo { hasNextPage endCursor } } }');
        expect(first.entities.nodes).toEqual([{ id: 'federal-reserve' }]);
        expect(first.entities.pageInfo.hasNextPage).toBe(true);
        const next = await api.data(
          'query($a: String) { entities(search: "美联储", first: 1, after: $a) { nodes { id } pageInfo { hasNextPage } } }',
          {
            a: first.entities.pageInfo.endCursor,
          },
        );
        expect(next.entities).toEqual({ nodes: [{ id: 'fed-policy-rate' }], pageInfo: { hasNextPage: false } });
      });

      it('rejects a page size out of range and a cursor it did not make', async () => {
        await expectBadInput('{ entities(first: 0) { totalCount } }', 'first', /^first must be an integer from 1 to 500 \(got 0\)$/);
        await expectBadInput('{ entities(first: 501) { totalCount } }', 'first', /from 1 to 500/);
        await expectBadInput('{ entities(after: "bogus") { totalCount } }', 'after', /not a cursor from this API/);
        const { edges } = await api.data('{ edges(first: 1) { pageInfo { endCursor } } }');
        await expectBadInput(`{ entities(after: "${edges.pageInfo.endCursor}") { totalCount } }`, 'after', /not a cursor/);
      });
    });

    describe('edge and edges', () => {
      it('returns an edge with its endpoints and cited evidence', async () => {
        const { edge } = await api.data(`{
          edge(id: "carry-unwind-sells-ust") {
            id polarity weight confidence lagDays mechanism
            from { id } to { id }
            evidence { quote source { id title language } }
          }
        }`);
        expect(edge).toEqual({
          id: 'carry-unwind-sells-ust',
          polarity: 'NEGATIVE',
          weight: 0.5,
          confidence: 0.7,
          lagDays: 1,
          mechanism: 'yen-carry-trade moves ust-10y-yield.',
          from: { id: 'yen-carry-trade' },
          to: { id: 'ust-10y-yield' },
          evidence: [
            { quote: '日本央行释放紧缩信号', source: { id: 'great-unwind-2026', title: 'The Great Unwind', language: 'zh-Hans' } },
          ],
        });
        expect(await api.data('{ edge(id: "nope") { id } }')).toEqual({ edge: null });
      });

      it('lists every edge in id order across pages', async () => {
        const expected = FIXTURE.edges.map((e) => e.id).sort();
        const page1 = await api.data('{ edges(first: 4) { nodes { id } pageInfo { hasNextPage endCursor } totalCount } }');
        expect(page1.edges.totalCount).toBe(expected.length);
        expect(page1.edges.pageInfo.hasNextPage).toBe(true);
        const page2 = await api.data('query($a: String) { edges(first: 1000, after: $a) { nodes { id } pageInfo { hasNextPage } } }', {
          a: page1.edges.pageInfo.endCursor,
        });
        expect(page2.edges.pageInfo.hasNextPage).toBe(false);
        expect([...page1.edges.nodes, ...page2.edges.nodes].map((n: { id: string }) => n.id)).toEqual(expected);
      });

      it('rejects a page size out of range', async () => {
        await expectBadInput('{ edges(first: 1001) { totalCount } }', 'first', /from 1 to 1000 \(got 1001\)/);
        await expectBadInput('{ edges(after: "x") { totalCount } }', 'after', /not a cursor/);
      });
    });

    it('lists the sources in id order', async () => {
      expect(await api.data('{ sources { id title author publishedOn language } }')).toEqual({
        sources: [
          { id: 'great-unwind-2026', title: 'The Great Unwind', author: null, publishedOn: '2026-02-05', language: 'zh-Hans' },
          { id: 'hayes-2024-nochu', title: 'Nochu', author: 'Arthur Hayes', publishedOn: '2024-06', language: 'zh-Hans' },
        ],
      });
    });

    describe('propagate', () => {
      const PROPAGATE = `query($shocks: [ShockInput!]!, $maxHops: Int!, $minStrength: Float!, $topPaths: Int!) {
        propagate(shocks: $shocks, maxHops: $maxHops, minStrength: $minStrength, topPaths: $topPaths) {
          impacts { entity { id } direction strength hops pathCount mixed earliestArrivalDays }
          paths { entities { id } edges { id } hops strength direction lagDays }
        }
      }`;

      type ShockArg = { entityId: string; direction?: 'UP' | 'DOWN'; magnitude?: number };
      it.each<[ShockArg[], number, number, number]>([
        [[{ entityId: 'boj-policy-rate' }], 3, 0.05, 25],
        [[{ entityId: 'boj-policy-rate', direction: 'DOWN', magnitude: 0.5 }], 8, 0, 1000],
        [[{ entityId: 'yen-carry-trade' }, { entityId: 'fed-policy-rate', direction: 'DOWN' }], 4, 0.01, 3],
      ])('answers %j at maxHops %i, minStrength %f, topPaths %i as DOMAIN.md defines', async (shocks, maxHops, minStrength, topPaths) => {
        const { propagate } = await api.data(PROPAGATE, { shocks, maxHops, minStrength, topPaths });
        const expected = bruteForcePropagate(FIXTURE.edges, {
          shocks: shocks.map((s) => ({ direction: 'UP' as const, magnitude: 1, ...s })),
          maxHops,
          minStrength,
          topPaths,
        });
        expect(propagate).toEqual({
          impacts: expected.impacts.map(({ entityId, ...rest }) => ({ entity: { id: entityId }, ...rest })),
          paths: expected.paths.map((p) => ({
            entities: p.entityIds.map((id) => ({ id })),
            edges: p.edgeIds.map((id) => ({ id })),
            hops: p.hops,
            strength: p.strength,
            direction: p.direction,
            lagDays: p.lagDays,
          })),
        });
        expect(propagate.paths.length).toBeGreaterThan(0);
      });

      it('defaults to maxHops 3, minStrength 0.05 and topPaths 25', async () => {
        const { propagate } = await api.data('{ propagate(shocks: [{ entityId: "boj-policy-rate" }]) { paths { hops strength } } }');
        const expected = bruteForcePropagate(FIXTURE.edges, {
          shocks: [{ entityId: 'boj-policy-rate', direction: 'UP', magnitude: 1 }],
          maxHops: 3,
          minStrength: 0.05,
          topPaths: 25,
        });
        expect(propagate.paths).toEqual(expected.paths.map((p) => ({ hops: p.hops, strength: p.strength })));
      });

      it.each([
        ['maxHops: 0', 'maxHops', /from 1 to 8/],
        ['maxHops: 9', 'maxHops', /from 1 to 8/],
        ['minStrength: 1', 'minStrength', /\[0, 1\)/],
        ['minStrength: -0.5', 'minStrength', /\[0, 1\)/],
        ['topPaths: 0', 'topPaths', /from 1 to 1000/],
        ['topPaths: 1001', 'topPaths', /from 1 to 1000/],
      ])('rejects %s as BAD_USER_INPUT naming the argument and range', async (arg, argument, message) => {
        await expectBadInput(`{ propagate(shocks: [{ entityId: "boj-policy-rate" }], ${arg}) { paths { hops } } }`, argument, message);
      });

      it('rejects an unknown entity and a magnitude out of range, naming the shock', async () => {
        await expectBadInput(
          '{ propagate(shocks: [{ entityId: "boj-policy-rate" }, { entityId: "nope" }]) { paths { hops } } }',
          'shocks[1].entityId',
          /names no entity \(got "nope"\)/,
        );
        await expectBadInput(
          '{ propagate(shocks: [{ entityId: "boj-policy-rate", magnitude: 2 }]) { paths { hops } } }',
          'shocks[0].magnitude',
          /\(0, 1\]/,
        );
        await expectBadInput('{ propagate(shocks: []) { paths { hops } } }', 'shocks', /from 1 to 50/);
      });
    });
  });
}
