import type { Actor } from '../../src/application/access';
import type { GraphBackend } from '../../src/application/ports/graph-backend';
import { IDEMPOTENCY_KEY_HOURS } from '../../src/application/graph-writer.service';
import { LIMITS } from '../../src/domain/limits/argument-limits';
import { DEFAULT_LIMITS } from '../../src/graphql/limits';
import { FIXTURE } from '../support/fixture-graph';
import { createTestApi, type TestApi } from '../support/test-api';
import type { OpenStore } from './read-contract';

const RESEARCHER: Actor = { name: 'ada', role: 'researcher' };
const ADMIN: Actor = { name: 'grace', role: 'admin' };
/** Ada with the admin role: her writes are ACTIVE at once (a researcher's are PROPOSED; see review-contract). */
const ADA_ADMIN: Actor = { name: 'ada', role: 'admin' };

const ADD_EDGE = `mutation($input: CausalEdgeInput!, $key: String) {
  addEdge(input: $input, idempotencyKey: $key) {
    id polarity weight confidence lagDays mechanism status revision createdBy createdAt
    from { id } to { id } evidence { quote source { id } }
    history { revision by action reason changes { field from to } }
  }
}`;
const UPDATE_EDGE = `mutation($id: ID!, $patch: CausalEdgePatch!, $rev: Int!, $reason: String) {
  updateEdge(id: $id, patch: $patch, expectedRevision: $rev, reason: $reason) {
    id weight polarity revision evidence { quote } history { revision by action reason changes { field from to } }
  }
}`;
const RETRACT_EDGE = `mutation($id: ID!, $reason: String!, $rev: Int!) {
  retractEdge(id: $id, reason: $reason, expectedRevision: $rev) { id status revision history { action by reason } }
}`;
const BOJ_ONE_HOP = '{ propagate(shocks: [{ entityId: "boj-policy-rate" }], maxHops: 1, minStrength: 0) { paths { edges { id } } } }';

/** A new claim the fixture lacks: BOJ tightening lifts UST yields (through carry unwinds). */
const NEW_EDGE = {
  from: 'boj-policy-rate',
  to: 'ust-10y-yield',
  polarity: 'POSITIVE',
  weight: 0.4,
  confidence: 0.6,
  lagDays: 3,
  mechanism: 'A BOJ hike forces carry unwinds that sell Treasuries.',
  evidence: [{ sourceId: 'great-unwind-2026', quote: '路径一：卖出美元资产' }],
};

/**
 * The write side of the contract (API.md), written once and run against every backend.
 * Each test starts from a freshly loaded fixture graph.
 */
export function describeWriteContract(backend: string, open: OpenStore): void {
  describe(`write contract on the ${backend} backend`, () => {
    let store: GraphBackend;
    let api: TestApi;
    /** Reads the whole graph at once: priced far over the default cost limit once an edge holds many quotes. */
    let inspector: TestApi;

    beforeEach(async () => {
      store = await open(FIXTURE);
      api = createTestApi(store);
      inspector = createTestApi(store, [], { limits: { ...DEFAULT_LIMITS, maxCost: 10_000_000 } });
    });
    afterEach(() => store.close());

    /** Everything a client can read of the graph, to prove a refused write changed nothing. */
    const everything = async () =>
      inspector.data(`{
        entities(first: 500) { nodes { id name kind measure description aliases partOf { id } } totalCount }
        edges(first: 1000) { nodes { id polarity weight confidence lagDays mechanism revision status evidence { quote source { id } } } totalCount }
        sources { id title author publishedOn language url }
      }`);

    const refused = async (
      query: string,
      variables: Record<string, unknown>,
      actor: Actor | undefined,
      code: string,
      argument?: string,
      message?: RegExp,
    ) => {
      const before = await everything();
      const result = await api.run(query, variables, actor);
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0].extensions).toEqual(argument ? { code, argument } : { code });
      if (message) expect(result.errors![0].message).toMatch(message);
      expect(await everything()).toEqual(before);
    };

    describe('the change feed', () => {
      it('publishes each committed write once, after the commit, in version order; a refused write publishes nothing', async () => {
        const seen: Array<{ version: string; kind: string; edgeId?: string; versionThen: string }> = [];
        const stop = store.changes.subscribe((change) => {
          // Published after the commit: what the listener reads is already the new version.
          void store
            .graphVersion()
            .then((versionThen) => seen.push({ version: change.version, kind: change.kind, edgeId: change.edgeId, versionThen }));
        });
        const start = Number(await store.graphVersion());
        const { addEdge } = await api.data(ADD_EDGE, { input: NEW_EDGE }, ADA_ADMIN);
        await api.run(ADD_EDGE, { input: { ...NEW_EDGE, weight: 7 } }, ADA_ADMIN);
        await api.data(RETRACT_EDGE, { id: addEdge.id, reason: 'wrong', rev: 1 }, ADMIN);
        stop();
        await api.data(ADD_EDGE, { input: { ...NEW_EDGE, mechanism: 'After unsubscribing.' } }, ADA_ADMIN);
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(seen.map(({ version, kind, edgeId }) => ({ version, kind, edgeId }))).toEqual([
          { version: String(start + 1), kind: 'EDGE_ADDED', edgeId: addEdge.id },
          { version: String(start + 2), kind: 'EDGE_RETRACTED', edgeId: addEdge.id },
        ]);
        for (const s of seen) expect(Number(s.versionThen)).toBeGreaterThanOrEqual(Number(s.version));
      });
    });

    describe('addEdge', () => {
      it('adds an edge at revision 1 with its provenance, and the next propagation uses it', async () => {
        const before = await api.data(BOJ_ONE_HOP);
        expect(before.propagate.paths.map((p: any) => p.edges[0].id)).not.toContain('boj-policy-rate-lifts-ust-10y-yield');
        const { addEdge } = await api.data(ADD_EDGE, { input: NEW_EDGE }, ADA_ADMIN);
        expect(addEdge).toMatchObject({
          id: 'boj-policy-rate-lifts-ust-10y-yield',
          polarity: 'POSITIVE',
          weight: 0.4,
          lagDays: 3,
          status: 'ACTIVE',
          revision: 1,
          createdBy: 'ada',
          from: { id: 'boj-policy-rate' },
          to: { id: 'ust-10y-yield' },
          evidence: [{ quote: '路径一：卖出美元资产', source: { id: 'great-unwind-2026' } }],
        });
        expect(Date.parse(addEdge.createdAt)).toBeGreaterThan(Date.now() - 60_000);
        expect(addEdge.history).toEqual([
          expect.objectContaining({
            revision: 1,
            by: 'ada',
            action: 'CREATED',
            changes: expect.arrayContaining([{ field: 'weight', from: null, to: '0.4' }]),
          }),
        ]);
        const after = await api.data(BOJ_ONE_HOP);
        expect(after.propagate.paths.map((p: any) => p.edges[0].id)).toContain('boj-policy-rate-lifts-ust-10y-yield');
        expect((await api.data('{ edge(id: "boj-policy-rate-lifts-ust-10y-yield") { id } }')).edge).toEqual({
          id: 'boj-policy-rate-lifts-ust-10y-yield',
        });
      });

      it('answers a repeat with the same idempotencyKey with the first result and writes nothing new', async () => {
        const first = await api.data(ADD_EDGE, { input: NEW_EDGE, key: 'k-1' }, RESEARCHER);
        const before = await everything();
        const again = await api.data(ADD_EDGE, { input: NEW_EDGE, key: 'k-1' }, RESEARCHER);
        expect(again).toEqual(first);
        expect(await everything()).toEqual(before);
      });

      it('refuses an idempotencyKey used before with a different request as CONFLICT, and writes nothing', async () => {
        await api.data(ADD_EDGE, { input: NEW_EDGE, key: 'k-2' }, RESEARCHER);
        const before = await everything();
        await refused(
          ADD_EDGE,
          { input: { ...NEW_EDGE, weight: 0.9 }, key: 'k-2' },
          RESEARCHER,
          'CONFLICT',
          undefined,
          /used before for a different edge/,
        );
        expect(await everything()).toEqual(before);
      });

      it('refuses a second active edge for the same claim, naming the edge to add evidence to', async () => {
        await refused(
          ADD_EDGE,
          { input: { ...NEW_EDGE, from: 'yen-carry-trade', to: 'ust-10y-yield', polarity: 'NEGATIVE' } },
          RESEARCHER,
          'BAD_USER_INPUT',
          'input',
          /same claim .* as active edge carry-unwind-sells-ust/,
        );
      });

      it.each([
        ['an unknown endpoint', { to: 'nowhere' }, 'input.to', /names no entity \(got "nowhere"\)/],
        ['an endpoint without a measure', { to: 'bank-of-japan' }, 'input.to', /has no measure/],
        ['a self-loop', { to: 'boj-policy-rate' }, 'input.to', /must differ from input.from/],
        ['a weight of 0', { weight: 0 }, 'input.weight', /must be in \(0, 1\] \(got 0\)/],
        ['a weight above 1', { weight: 1.5 }, 'input.weight', /\(0, 1\]/],
        ['a confidence of 0', { confidence: 0 }, 'input.confidence', /\(0, 1\]/],
        ['a negative lag', { lagDays: -1 }, 'input.lagDays', /whole number of days from 0 to 3650/],
        ['an empty mechanism', { mechanism: '  ' }, 'input.mechanism', /empty/],
        ['no evidence', { evidence: [] }, 'input.evidence', /at least one/],
        ['an unknown source', { evidence: [{ sourceId: 'nope', quote: 'q' }] }, 'input.evidence[0].sourceId', /names no source/],
        [
          'an over-long quote',
          { evidence: [{ sourceId: 'great-unwind-2026', quote: 'x'.repeat(301) }] },
          'input.evidence[0].quote',
          /at most 300 characters \(got 301\)/,
        ],
        ['an id that is not kebab-case', { id: 'Bad_Id' }, 'input.id', /kebab-case/],
      ])('refuses %s, naming the field, and writes nothing', async (_what, change, argument, message) => {
        await refused(ADD_EDGE, { input: { ...NEW_EDGE, ...change } }, RESEARCHER, 'BAD_USER_INPUT', argument, message);
      });

      it('refuses writers without a token', async () => {
        await refused(ADD_EDGE, { input: NEW_EDGE }, undefined, 'UNAUTHENTICATED', undefined, /needs a token/);
      });
    });

    describe('updateEdge', () => {
      it('corrects fields and adds evidence at the next revision, recording who, what and why', async () => {
        const { updateEdge } = await api.data(
          UPDATE_EDGE,
          {
            id: 'yields-move-fed',
            patch: { weight: 0.55, addEvidence: [{ sourceId: 'hayes-2024-nochu', quote: 'another quote' }] },
            rev: 1,
            reason: 'both articles say so',
          },
          ADA_ADMIN,
        );
        expect(updateEdge).toMatchObject({
          id: 'yields-move-fed',
          weight: 0.55,
          revision: 2,
          evidence: [{ quote: '日本央行释放紧缩信号' }, { quote: 'another quote' }],
        });
        expect(updateEdge.history[1]).toEqual({
          revision: 2,
          by: 'ada',
          action: 'UPDATED',
          reason: 'both articles say so',
          changes: [
            { field: 'weight', from: '0.4', to: '0.55' },
            // Only what was added: the history grows with the work, not with the edge's size.
            { field: 'evidence', from: null, to: JSON.stringify([{ sourceId: 'hayes-2024-nochu', quote: 'another quote' }]) },
          ],
        });
        const { propagate } = await api.data(
          '{ propagate(shocks: [{ entityId: "ust-10y-yield" }], maxHops: 1, minStrength: 0) { paths { strength } } }',
        );
        expect(propagate.paths).toEqual([{ strength: 0.55 }]);
      });

      it('refuses a stale expectedRevision with CONFLICT and writes nothing', async () => {
        await api.data(UPDATE_EDGE, { id: 'yields-move-fed', patch: { weight: 0.5 }, rev: 1 }, ADA_ADMIN);
        await refused(
          UPDATE_EDGE,
          { id: 'yields-move-fed', patch: { weight: 0.6 }, rev: 1 },
          ADA_ADMIN,
          'CONFLICT',
          undefined,
          /is at revision 2, not 1/,
        );
      });

      it('lets exactly one of two racing updates on the same revision win', async () => {
        const results = await Promise.all(
          [0.11, 0.22, 0.33].map((weight) => api.run(UPDATE_EDGE, { id: 'yields-move-fed', patch: { weight }, rev: 1 }, ADA_ADMIN)),
        );
        const winners = results.filter((r) => !r.errors);
        expect(winners).toHaveLength(1);
        expect(results.filter((r) => r.errors?.[0].extensions?.code === 'CONFLICT')).toHaveLength(2);
        const { edge } = await api.data('{ edge(id: "yields-move-fed") { weight revision } }');
        expect(edge).toEqual({ weight: (winners[0].data as any).updateEdge.weight, revision: 2 });
      });

      it('answers NOT_FOUND for an unknown edge and BAD_USER_INPUT for an empty patch', async () => {
        await refused(
          UPDATE_EDGE,
          { id: 'no-such-edge', patch: { weight: 0.5 }, rev: 1 },
          RESEARCHER,
          'NOT_FOUND',
          undefined,
          /no causal edge with id "no-such-edge"/,
        );
        await refused(UPDATE_EDGE, { id: 'yields-move-fed', patch: {}, rev: 1 }, RESEARCHER, 'BAD_USER_INPUT', 'patch', /at least one of/);
        await refused(
          UPDATE_EDGE,
          { id: 'yields-move-fed', patch: { weight: 0.4 }, rev: 1 },
          RESEARCHER,
          'BAD_USER_INPUT',
          'patch',
          /changes nothing/,
        );
      });

      it('refuses a polarity change that would duplicate another active claim', async () => {
        await refused(
          UPDATE_EDGE,
          { id: 'carry-unwind-sells-ust-weak-claim', patch: { polarity: 'NEGATIVE' }, rev: 1 },
          ADA_ADMIN,
          'BAD_USER_INPUT',
          'patch.polarity',
          /same claim as active edge carry-unwind-sells-ust/,
        );
      });
    });

    describe('retractEdge', () => {
      it('takes the edge out of propagation and lists, keeps it readable by id with its history', async () => {
        const { retractEdge } = await api.data(RETRACT_EDGE, { id: 'boj-hike-strengthens-yen', reason: 'superseded', rev: 1 }, ADMIN);
        expect(retractEdge).toEqual({
          id: 'boj-hike-strengthens-yen',
          status: 'RETRACTED',
          revision: 2,
          history: [
            { action: 'CREATED', by: 'seed', reason: 'curated from the cited sources' },
            { action: 'RETRACTED', by: 'grace', reason: 'superseded' },
          ],
        });
        const { propagate } = await api.data(BOJ_ONE_HOP);
        expect(propagate.paths.map((p: any) => p.edges[0].id)).toEqual(['boj-hike-unwinds-carry']);
        const { edges, entity } = await api.data(
          '{ edges(first: 1000) { nodes { id } totalCount } entity(id: "boj-policy-rate") { outgoing { id } } }',
        );
        expect(edges.nodes.map((n: any) => n.id)).not.toContain('boj-hike-strengthens-yen');
        expect(edges.totalCount).toBe(FIXTURE.edges.length - 1);
        expect(entity.outgoing).toEqual([{ id: 'boj-hike-unwinds-carry' }]);
        expect((await api.data('{ edge(id: "boj-hike-strengthens-yen") { status } }')).edge).toEqual({ status: 'RETRACTED' });
        // The claim is free again: a new edge may make it.
        const { addEdge } = await api.data(ADD_EDGE, { input: { ...NEW_EDGE, to: 'usd-jpy', polarity: 'NEGATIVE' } }, RESEARCHER);
        expect(addEdge.id).toBe('boj-policy-rate-lowers-usd-jpy');
      });

      it('is for admins: a researcher gets FORBIDDEN, an anonymous client UNAUTHENTICATED', async () => {
        await refused(
          RETRACT_EDGE,
          { id: 'boj-hike-strengthens-yen', reason: 'x', rev: 1 },
          RESEARCHER,
          'FORBIDDEN',
          undefined,
          /needs the admin role/,
        );
        await refused(RETRACT_EDGE, { id: 'boj-hike-strengthens-yen', reason: 'x', rev: 1 }, undefined, 'UNAUTHENTICATED');
      });

      it('refuses to retract twice', async () => {
        await api.data(RETRACT_EDGE, { id: 'boj-hike-strengthens-yen', reason: 'x', rev: 1 }, ADMIN);
        await refused(
          RETRACT_EDGE,
          { id: 'boj-hike-strengthens-yen', reason: 'x', rev: 2 },
          ADMIN,
          'CONFLICT',
          undefined,
          /already retracted/,
        );
      });
    });

    describe('the sizes the cost model prices writer-grown lists by', () => {
      it('knows the largest degree and the longest history, proposals and new revisions included', async () => {
        const widestOf = (edges: ReadonlyArray<{ fromId: string; toId: string }>) =>
          Math.max(
            ...FIXTURE.entities.flatMap((e) => [
              edges.filter((x) => x.fromId === e.id).length,
              edges.filter((x) => x.toId === e.id).length,
            ]),
          );
        const mostQuotes = Math.max(...FIXTURE.edges.map((e) => e.evidence.length));
        expect(await store.longestLists()).toEqual({
          degree: widestOf(FIXTURE.edges),
          history: 1,
          quotes: mostQuotes,
        });

        // A researcher's proposals count (outgoing lists them): the entity with the most
        // outgoing edges gets two more, which makes it the widest.
        const outDegree = (id: string) => FIXTURE.edges.filter((x) => x.fromId === id).length;
        const hub = [...FIXTURE.entities].sort((a, b) => outDegree(b.id) - outDegree(a.id))[0].id;
        const away = FIXTURE.entities.filter(
          (e) => e.id !== hub && e.measure && !FIXTURE.edges.some((x) => x.fromId === hub && x.toId === e.id),
        );
        const added = away.slice(0, 2).map((e) => ({ fromId: hub, toId: e.id }));
        for (const { toId } of added) {
          await api.data(ADD_EDGE, { input: { ...NEW_EDGE, from: hub, to: toId, mechanism: `To ${toId}.` } }, RESEARCHER);
        }
        expect((await store.longestLists()).degree).toBe(widestOf([...FIXTURE.edges, ...added]));
        expect((await store.longestLists()).degree).toBe(outDegree(hub) + 2);

        // Three corrections of one edge: its history, and the longest, is four revisions.
        const edge = FIXTURE.edges[0].id;
        for (let rev = 1; rev <= 3; rev++) {
          await api.data(UPDATE_EDGE, { id: edge, patch: { mechanism: `Correction ${rev}.` }, rev }, ADMIN);
        }
        expect((await store.longestLists()).history).toBe(4);

        // An edge given more quotes than any.
        const quotes = Array.from({ length: mostQuotes + 2 }, (_, i) => ({ sourceId: 'great-unwind-2026', quote: `quote ${i}` }));
        await api.data(ADD_EDGE, { input: { ...NEW_EDGE, evidence: quotes } }, ADA_ADMIN);
        expect((await store.longestLists()).quotes).toBe(mostQuotes + 2);
      });
    });

    describe('bounded writes', () => {
      const UPSERT = 'mutation($input: EntityInput!) { upsertEntity(input: $input) { id name aliases description } }';
      const quotes = (n: number, from = 0) =>
        Array.from({ length: n }, (_, i) => ({ sourceId: 'hayes-2024-nochu', quote: `quote number ${from + i}` }));

      it(`refuses an edge with more than ${LIMITS.writes.evidence.max} quotes, and a patch that would grow one past it`, async () => {
        const max = LIMITS.writes.evidence.max;
        await refused(
          ADD_EDGE,
          { input: { ...NEW_EDGE, evidence: quotes(max + 1) } },
          RESEARCHER,
          'BAD_USER_INPUT',
          'input.evidence',
          new RegExp(`from 1 to ${max} quotes \\(got ${max + 1}\\)`),
        );
        const { addEdge } = await api.data(ADD_EDGE, { input: { ...NEW_EDGE, evidence: quotes(max - 1) } }, RESEARCHER);
        expect(addEdge.evidence).toHaveLength(max - 1);
        await refused(
          UPDATE_EDGE,
          { id: addEdge.id, patch: { addEvidence: quotes(2, max) }, rev: 1 },
          RESEARCHER,
          'BAD_USER_INPUT',
          'patch.addEvidence',
          new RegExp(`within ${max} quotes: it has ${max - 1}, so at most 1 more \\(got 2\\)`),
        );
        const { updateEdge } = await api.data(UPDATE_EDGE, { id: addEdge.id, patch: { addEvidence: quotes(1, max) }, rev: 1 }, RESEARCHER);
        expect(updateEdge.evidence).toHaveLength(max);
      });

      it('refuses a quote the edge already cites from the same source, however its case, spaces or Unicode form differ', async () => {
        await refused(
          UPDATE_EDGE,
          { id: 'yields-move-fed', patch: { addEvidence: [{ sourceId: 'great-unwind-2026', quote: ' 日本央行释放紧缩信号 ' }] }, rev: 1 },
          RESEARCHER,
          'BAD_USER_INPUT',
          'patch.addEvidence[0].quote',
          /repeats a quote from great-unwind-2026 that the edge already cites/,
        );
        await refused(
          ADD_EDGE,
          {
            input: {
              ...NEW_EDGE,
              evidence: [
                { sourceId: 'hayes-2024-nochu', quote: 'Caf\u00e9 owners  sell' },
                { sourceId: 'hayes-2024-nochu', quote: 'cafe\u0301 owners sell' },
              ],
            },
          },
          RESEARCHER,
          'BAD_USER_INPUT',
          'input.evidence[1].quote',
          /repeats a quote/,
        );
        // The same words from another source are another piece of evidence.
        const { updateEdge } = await api.data(
          UPDATE_EDGE,
          { id: 'yields-move-fed', patch: { addEvidence: [{ sourceId: 'hayes-2024-nochu', quote: '日本央行释放紧缩信号' }] }, rev: 1 },
          RESEARCHER,
        );
        expect(updateEdge.evidence).toHaveLength(2);
      });

      it(`refuses more than ${LIMITS.writes.aliases.max} aliases and texts over their length, naming the field`, async () => {
        const aliases = Array.from({ length: LIMITS.writes.aliases.max + 1 }, (_, i) => `alias ${i}`);
        await refused(
          UPSERT,
          { input: { id: 'gold', name: 'Gold', kind: 'ASSET', aliases } },
          RESEARCHER,
          'BAD_USER_INPUT',
          'input.aliases',
          new RegExp(`at most ${LIMITS.writes.aliases.max} aliases`),
        );
        await refused(
          UPSERT,
          { input: { id: 'gold', name: 'Gold', kind: 'ASSET', description: 'x'.repeat(LIMITS.writes.text.max + 1) } },
          RESEARCHER,
          'BAD_USER_INPUT',
          'input.description',
          new RegExp(`at most ${LIMITS.writes.text.max} characters`),
        );
        await refused(
          ADD_EDGE,
          { input: { ...NEW_EDGE, mechanism: 'y'.repeat(LIMITS.writes.mechanism.max + 1) } },
          RESEARCHER,
          'BAD_USER_INPUT',
          'input.mechanism',
          new RegExp(`at most ${LIMITS.writes.mechanism.max} characters`),
        );
      });

      it('stores ids and text in Unicode NFC, so decomposed and composed forms are one text', async () => {
        const decomposed = 'Cre\u0300me de la cre\u0300me';
        const { upsertEntity } = await api.data(
          UPSERT,
          { input: { id: 'creme', name: decomposed, kind: 'ASSET', aliases: ['cafe\u0301', 'caf\u00e9'], description: decomposed } },
          RESEARCHER,
        );
        expect(upsertEntity).toEqual({
          id: 'creme',
          name: 'Cr\u00e8me de la cr\u00e8me',
          aliases: ['caf\u00e9'],
          description: 'Cr\u00e8me de la cr\u00e8me',
        });
        const { addSource } = await api.data(
          'mutation($input: SourceInput!) { addSource(input: $input) { title } }',
          { input: { id: 'nfc-note', title: 'Re\u0301sume\u0301', language: 'fr' } },
          RESEARCHER,
        );
        expect(addSource.title).toBe('R\u00e9sum\u00e9');
      });

      it('refuses a partOf that would make an entity part of itself, directly or through others', async () => {
        await refused(
          UPSERT,
          { input: { id: 'bank-of-japan', name: 'Bank of Japan', kind: 'CENTRAL_BANK', partOf: 'boj-policy-rate' } },
          RESEARCHER,
          'BAD_USER_INPUT',
          'input.partOf',
          /would make a cycle: bank-of-japan → boj-policy-rate → bank-of-japan/,
        );
        await api.data(UPSERT, { input: { id: 'japan', name: 'Japan', kind: 'ASSET' } }, RESEARCHER);
        await api.data(
          UPSERT,
          { input: { id: 'bank-of-japan', name: 'Bank of Japan', kind: 'CENTRAL_BANK', partOf: 'japan' } },
          RESEARCHER,
        );
        await refused(
          UPSERT,
          { input: { id: 'japan', name: 'Japan', kind: 'ASSET', partOf: 'boj-policy-rate' } },
          RESEARCHER,
          'BAD_USER_INPUT',
          'input.partOf',
          /would make a cycle: japan → boj-policy-rate → bank-of-japan → japan/,
        );
      });

      it(`forgets an idempotencyKey after ${IDEMPOTENCY_KEY_HOURS} hours: then it may be used for a new request`, async () => {
        let now = Date.parse('2026-03-01T00:00:00.000Z');
        const clocked = createTestApi(store, [], { now: () => new Date(now) });
        await clocked.data(ADD_EDGE, { input: NEW_EDGE, key: 'k-exp' }, RESEARCHER);
        const other = { ...NEW_EDGE, polarity: 'NEGATIVE' };
        now += (IDEMPOTENCY_KEY_HOURS - 1) * 3_600_000;
        const early = await clocked.run(ADD_EDGE, { input: other, key: 'k-exp' }, RESEARCHER);
        expect(early.errors?.[0].extensions).toEqual({ code: 'CONFLICT' });
        now += 2 * 3_600_000;
        const { addEdge } = await clocked.data(ADD_EDGE, { input: other, key: 'k-exp' }, RESEARCHER);
        expect(addEdge).toMatchObject({ polarity: 'NEGATIVE', revision: 1 });
        // DateTime: a Date in process, the same ISO string on the wire.
        expect(new Date(addEdge.createdAt as string).toISOString()).toBe(new Date(now).toISOString());
      });
    });

    describe('upsertEntity and addSource', () => {
      const UPSERT = 'mutation($input: EntityInput!) { upsertEntity(input: $input) { id name kind measure aliases partOf { id } } }';
      const ADD_SOURCE = 'mutation($input: SourceInput!) { addSource(input: $input) { id title language url } }';

      it('creates an entity that search finds in either script, and replaces it whole on a second upsert', async () => {
        const input = {
          id: 'gold-price',
          name: 'Gold',
          kind: 'ASSET',
          measure: 'The gold price rises.',
          aliases: ['XAU', '黄金'],
          partOf: null,
        };
        expect((await api.data(UPSERT, { input }, RESEARCHER)).upsertEntity).toEqual({ ...input, partOf: null });
        expect((await api.data('{ entities(search: "黃金") { nodes { id } } }')).entities.nodes).toEqual([{ id: 'gold-price' }]);
        await api.data(UPSERT, { input: { ...input, name: 'Gold spot price', aliases: ['XAUUSD'] } }, RESEARCHER);
        expect((await api.data('{ entity(id: "gold-price") { name aliases } }')).entity).toEqual({
          name: 'Gold spot price',
          aliases: ['XAUUSD'],
        });
      });

      it('refuses to drop the measure of an entity with causal edges, and a bad id', async () => {
        await refused(
          UPSERT,
          { input: { id: 'usd-jpy', name: 'USD/JPY', kind: 'MARKET' } },
          RESEARCHER,
          'BAD_USER_INPUT',
          'input.measure',
          /takes part in causal edges/,
        );
        await refused(
          UPSERT,
          { input: { id: 'Gold Price', name: 'Gold', kind: 'ASSET' } },
          RESEARCHER,
          'BAD_USER_INPUT',
          'input.id',
          /kebab-case/,
        );
        await refused(
          UPSERT,
          { input: { id: 'gold', name: 'Gold', kind: 'ASSET', partOf: 'nowhere' } },
          RESEARCHER,
          'BAD_USER_INPUT',
          'input.partOf',
          /names no entity/,
        );
      });

      it('adds a source once: the same call again returns it, other values for its id are a CONFLICT', async () => {
        const input = { id: 'new-note', title: 'A note', language: 'en', url: 'https://example.org/note' };
        expect((await api.data(ADD_SOURCE, { input }, RESEARCHER)).addSource).toEqual(input);
        expect((await api.data(ADD_SOURCE, { input }, RESEARCHER)).addSource).toEqual(input);
        await refused(ADD_SOURCE, { input: { ...input, title: 'Another' } }, RESEARCHER, 'CONFLICT', undefined, /already exists/);
        await refused(
          ADD_SOURCE,
          { input: { ...input, id: 'x2', language: 'english!' } },
          RESEARCHER,
          'BAD_USER_INPUT',
          'input.language',
          /BCP 47/,
        );
      });
    });
  });
}
