import { createHash } from 'node:crypto';
import type { Actor } from '../../src/application/access';
import type { GraphBackend } from '../../src/application/ports/graph-backend';
import { FIXTURE } from '../support/fixture-graph';
import { createTestApi, type TestApi } from '../support/test-api';
import type { OpenStore } from './read-contract';

const RESEARCHER: Actor = { name: 'ada', role: 'researcher' };
const OTHER_RESEARCHER: Actor = { name: 'alan', role: 'researcher' };
const REVIEWER: Actor = { name: 'rosalind', role: 'reviewer' };
const ADMIN: Actor = { name: 'grace', role: 'admin' };

/** A text this test writes itself: two paragraphs, a run of spaces and a line break inside a sentence. */
const TEXT = [
  'The Bank of Japan raised its policy rate in March.',
  'A higher   policy rate forces the\ncarry trade to unwind, and the unwind sells Treasuries.',
  '',
  'Fed cuts, on the other hand, lift the carry trade again.',
].join('\n');
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const SOURCE = `id title hasText textSha256 revision history { revision by action changes { field from to } reason }`;
const ADD_SOURCE = `mutation($input: SourceInput!) { addSource(input: $input) { ${SOURCE} text } }`;
const SET_TEXT = `mutation($id: ID!, $text: String!, $rev: Int!, $reason: String) {
  setSourceText(id: $id, text: $text, expectedRevision: $rev, reason: $reason) { ${SOURCE} }
}`;
const EDGE = `id status revision weight polarity createdBy evidence { quote source { id } } history { revision by action reason changes { field from to } }`;
const ADD_EDGE = `mutation($input: CausalEdgeInput!) { addEdge(input: $input) { ${EDGE} } }`;
const UPDATE_EDGE = `mutation($id: ID!, $patch: CausalEdgePatch!, $rev: Int!, $reason: String) {
  updateEdge(id: $id, patch: $patch, expectedRevision: $rev, reason: $reason) { ${EDGE} }
}`;
const ACCEPT = `mutation($id: ID!, $rev: Int!, $reason: String) { acceptEdge(id: $id, expectedRevision: $rev, reason: $reason) { ${EDGE} } }`;
const REJECT = `mutation($id: ID!, $rev: Int!, $reason: String!) { rejectEdge(id: $id, expectedRevision: $rev, reason: $reason) { ${EDGE} } }`;
const RETRACT = `mutation($id: ID!, $rev: Int!) { retractEdge(id: $id, reason: "withdrawn", expectedRevision: $rev) { id status } }`;
const QUEUE = '{ reviewQueue(first: 50) { nodes { id status createdBy } totalCount pageInfo { hasNextPage } } }';
const ONE_HOP = (entityId: string, includeProposed = false) =>
  `{ propagate(shocks: [{ entityId: "${entityId}" }], maxHops: 1, minStrength: 0, includeProposed: ${includeProposed}) { paths { strength edges { id } } } }`;

/** A claim the fixture lacks, cited from the test's own text. */
const CLAIM = {
  from: 'boj-policy-rate',
  to: 'yen-carry-trade',
  polarity: 'POSITIVE',
  weight: 0.3,
  confidence: 0.5,
  lagDays: 0,
  mechanism: 'Deliberately odd, to be reviewed.',
  evidence: [{ sourceId: 'fx-notes', quote: 'A higher policy rate forces the carry trade to unwind' }],
};
const NEW_CLAIM = {
  ...CLAIM,
  from: 'fed-policy-rate',
  to: 'usd-jpy',
  polarity: 'POSITIVE',
  mechanism: 'Fed tightening widens the rate gap.',
  evidence: [{ sourceId: 'great-unwind-2026', quote: '美联储加息' }],
};

/**
 * Review and provenance (API.md, "Review and provenance"; DOMAIN.md, "Provenance and
 * review"), written once and run against every backend: source texts and verbatim quote
 * checks, each status transition and who may make it, proposals in and out of analyses,
 * and disagreements.
 */
export function describeReviewContract(backend: string, open: OpenStore): void {
  describe(`review contract on the ${backend} backend`, () => {
    let store: GraphBackend;
    let api: TestApi;

    beforeEach(async () => {
      store = await open(FIXTURE);
      api = createTestApi(store);
    });
    afterEach(() => store.close());

    const addTextSource = () =>
      api.data(ADD_SOURCE, { input: { id: 'fx-notes', title: 'FX notes', language: 'en', text: TEXT } }, RESEARCHER);

    const refusal = async (query: string, variables: Record<string, unknown>, actor: Actor | undefined) => {
      const result = await api.run(query, variables, actor);
      expect(result.errors).toHaveLength(1);
      return { ...result.errors![0], extensions: result.errors![0].extensions as Record<string, unknown> };
    };

    describe('sources with text', () => {
      it('stores a text with its SHA-256 and answers it back', async () => {
        const { addSource } = await addTextSource();
        expect(addSource).toMatchObject({ id: 'fx-notes', hasText: true, textSha256: sha256(TEXT), revision: 1, text: TEXT });
        expect(addSource.history[0].changes).toContainEqual({ field: 'textSha256', from: null, to: JSON.stringify(sha256(TEXT)) });
        const { sources } = await api.data('{ sources { id hasText textSha256 } }');
        expect(sources).toContainEqual({ id: 'great-unwind-2026', hasText: false, textSha256: null });
      });

      it('accepts a quote that differs from the text only in whitespace, and refuses one that is not there, naming the closest passage', async () => {
        await addTextSource();
        const { addEdge } = await api.data(ADD_EDGE, { input: CLAIM }, ADMIN);
        expect(addEdge.status).toBe('ACTIVE');
        const before = await api.data('{ edges(first: 1000) { totalCount } }');
        const miss = await refusal(
          ADD_EDGE,
          { input: { ...NEW_CLAIM, evidence: [{ sourceId: 'fx-notes', quote: 'Fed cuts lift the carry trade again' }] } },
          ADMIN,
        );
        expect(miss.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'input.evidence[0].quote' });
        expect(miss.message).toMatch(/not verbatim in the text of source fx-notes/);
        expect(miss.message).toMatch(/closest passage is "[^"]*lift the carry trade again/);
        expect(await api.data('{ edges(first: 1000) { totalCount } }')).toEqual(before);
      });

      it('checks evidence added by updateEdge, and leaves quotes citing sources without text unchecked', async () => {
        await addTextSource();
        const miss = await refusal(
          UPDATE_EDGE,
          { id: 'yields-move-fed', patch: { addEvidence: [{ sourceId: 'fx-notes', quote: 'The BOJ cut rates.' }] }, rev: 1 },
          ADMIN,
        );
        expect(miss.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'patch.addEvidence[0].quote' });
        const { updateEdge } = await api.data(
          UPDATE_EDGE,
          { id: 'yields-move-fed', patch: { addEvidence: [{ sourceId: 'hayes-2024-nochu', quote: 'anything at all' }] }, rev: 1 },
          ADMIN,
        );
        expect(updateEdge.revision).toBe(2);
      });

      it('sets a text later as a new revision, then checks quotes against it; refuses a text lacking a quote that cites it', async () => {
        const { setSourceText } = await api.data(
          SET_TEXT,
          { id: 'great-unwind-2026', text: '日本央行释放紧缩信号。美联储加息。', rev: 1, reason: 'the article' },
          RESEARCHER,
        );
        expect(setSourceText).toMatchObject({ hasText: true, revision: 2, textSha256: sha256('日本央行释放紧缩信号。美联储加息。') });
        expect(setSourceText.history[1]).toMatchObject({ revision: 2, by: 'ada', action: 'UPDATED', reason: 'the article' });
        expect(setSourceText.history[1].changes).toEqual([
          { field: 'textSha256', from: null, to: JSON.stringify(setSourceText.textSha256) },
        ]);
        const miss = await refusal(
          ADD_EDGE,
          { input: { ...NEW_CLAIM, evidence: [{ sourceId: 'great-unwind-2026', quote: '美联储降息' }] } },
          ADMIN,
        );
        expect(miss.extensions.argument).toBe('input.evidence[0].quote');
        // The fixture's edges cite great-unwind-2026 with '日本央行释放紧缩信号'; a text without it is refused.
        const lacking = await refusal(SET_TEXT, { id: 'great-unwind-2026', text: 'Something else entirely.', rev: 2 }, RESEARCHER);
        expect(lacking.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'text' });
        expect(lacking.message).toMatch(/lacks a quote edge \S+ cites/);
      });

      it('refuses a stale revision, an empty text and an anonymous writer', async () => {
        expect((await refusal(SET_TEXT, { id: 'hayes-2024-nochu', text: 'x', rev: 2 }, RESEARCHER)).extensions.code).toBe('CONFLICT');
        expect((await refusal(SET_TEXT, { id: 'hayes-2024-nochu', text: '  ', rev: 1 }, RESEARCHER)).extensions).toEqual({
          code: 'BAD_USER_INPUT',
          argument: 'text',
        });
        expect((await refusal(SET_TEXT, { id: 'hayes-2024-nochu', text: 'x', rev: 1 }, undefined)).extensions.code).toBe('UNAUTHENTICATED');
        expect((await refusal(SET_TEXT, { id: 'no-such-source', text: 'x', rev: 1 }, RESEARCHER)).extensions.code).toBe('NOT_FOUND');
      });
    });

    describe('review', () => {
      it("keeps a researcher's new edge PROPOSED: readable, queued, out of analyses unless includeProposed", async () => {
        const { addEdge } = await api.data(ADD_EDGE, { input: NEW_CLAIM }, RESEARCHER);
        expect(addEdge).toMatchObject({ status: 'PROPOSED', revision: 1, createdBy: 'ada' });
        expect((await api.data(`{ edge(id: "${addEdge.id}") { status } }`)).edge).toEqual({ status: 'PROPOSED' });
        expect((await api.data(QUEUE)).reviewQueue).toEqual({
          nodes: [{ id: addEdge.id, status: 'PROPOSED', createdBy: 'ada' }],
          totalCount: 1,
          pageInfo: { hasNextPage: false },
        });
        const ids = (r: any) => r.propagate.paths.map((p: any) => p.edges[0].id);
        expect(ids(await api.data(ONE_HOP('fed-policy-rate')))).not.toContain(addEdge.id);
        expect(ids(await api.data(ONE_HOP('fed-policy-rate', true)))).toContain(addEdge.id);
        const { edges } = await api.data('{ edges(first: 1000) { nodes { id } } }');
        expect(edges.nodes.map((e: any) => e.id)).not.toContain(addEdge.id);
      });

      it('lists the queue oldest first, a page at a time', async () => {
        const first = (await api.data(ADD_EDGE, { input: NEW_CLAIM }, RESEARCHER)).addEdge;
        const second = (await api.data(ADD_EDGE, { input: { ...NEW_CLAIM, to: 'ust-10y-yield' } }, OTHER_RESEARCHER)).addEdge;
        const page1 = (await api.data('{ reviewQueue(first: 1) { nodes { id } pageInfo { hasNextPage endCursor } totalCount } }'))
          .reviewQueue;
        expect(page1).toMatchObject({ nodes: [{ id: first.id }], pageInfo: { hasNextPage: true }, totalCount: 2 });
        const page2 = (
          await api.data('query($after: String) { reviewQueue(first: 1, after: $after) { nodes { id } pageInfo { hasNextPage } } }', {
            after: page1.pageInfo.endCursor,
          })
        ).reviewQueue;
        expect(page2).toEqual({ nodes: [{ id: second.id }], pageInfo: { hasNextPage: false } });
      });

      it('lets a reviewer accept a proposal: ACTIVE, with the reason in its history, out of the queue, into analyses', async () => {
        const { addEdge } = await api.data(ADD_EDGE, { input: NEW_CLAIM }, RESEARCHER);
        const { acceptEdge } = await api.data(ACCEPT, { id: addEdge.id, rev: 1, reason: 'the article says so' }, REVIEWER);
        expect(acceptEdge).toMatchObject({ status: 'ACTIVE', revision: 2 });
        expect(acceptEdge.history[1]).toEqual({
          revision: 2,
          by: 'rosalind',
          action: 'ACCEPTED',
          reason: 'the article says so',
          changes: [{ field: 'status', from: '"PROPOSED"', to: '"ACTIVE"' }],
        });
        expect((await api.data(QUEUE)).reviewQueue.totalCount).toBe(0);
        const { propagate } = await api.data(ONE_HOP('fed-policy-rate'));
        expect(propagate.paths.map((p: any) => p.edges[0].id)).toContain(addEdge.id);
      });

      it('lets a reviewer reject a proposal with a reason: REJECTED, readable, out of the queue and of every analysis', async () => {
        const { addEdge } = await api.data(ADD_EDGE, { input: NEW_CLAIM }, RESEARCHER);
        const blank = await refusal(REJECT, { id: addEdge.id, rev: 1, reason: ' ' }, REVIEWER);
        expect(blank.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'reason' });
        const { rejectEdge } = await api.data(REJECT, { id: addEdge.id, rev: 1, reason: 'not in the source' }, REVIEWER);
        expect(rejectEdge).toMatchObject({ status: 'REJECTED', revision: 2 });
        expect(rejectEdge.history[1]).toMatchObject({ by: 'rosalind', action: 'REJECTED', reason: 'not in the source' });
        expect((await api.data(QUEUE)).reviewQueue.totalCount).toBe(0);
        const { propagate } = await api.data(ONE_HOP('fed-policy-rate', true));
        expect(propagate.paths.map((p: any) => p.edges[0].id)).not.toContain(addEdge.id);
        expect((await refusal(ACCEPT, { id: addEdge.id, rev: 2 }, REVIEWER)).extensions.code).toBe('CONFLICT');
        expect((await refusal(UPDATE_EDGE, { id: addEdge.id, patch: { weight: 0.9 }, rev: 2 }, RESEARCHER)).extensions.code).toBe(
          'CONFLICT',
        );
      });

      it('lets only reviewers and admins decide, never on their own proposal unless admin; a stale revision is a CONFLICT', async () => {
        const { addEdge } = await api.data(ADD_EDGE, { input: NEW_CLAIM }, RESEARCHER);
        expect((await refusal(ACCEPT, { id: addEdge.id, rev: 1 }, undefined)).extensions.code).toBe('UNAUTHENTICATED');
        expect((await refusal(ACCEPT, { id: addEdge.id, rev: 1 }, OTHER_RESEARCHER)).extensions.code).toBe('FORBIDDEN');
        expect((await refusal(REJECT, { id: addEdge.id, rev: 1, reason: 'no' }, OTHER_RESEARCHER)).extensions.code).toBe('FORBIDDEN');
        expect((await refusal(ACCEPT, { id: addEdge.id, rev: 3 }, REVIEWER)).extensions.code).toBe('CONFLICT');
        const own = (await api.data(ADD_EDGE, { input: { ...NEW_CLAIM, to: 'ust-10y-yield' } }, REVIEWER)).addEdge;
        expect(own.status).toBe('PROPOSED');
        const self = await refusal(ACCEPT, { id: own.id, rev: 1 }, REVIEWER);
        expect(self.extensions.code).toBe('FORBIDDEN');
        expect(self.message).toMatch(/another reviewer/);
        expect((await api.data(ACCEPT, { id: own.id, rev: 1 }, ADMIN)).acceptEdge.status).toBe('ACTIVE');
        expect((await api.data(QUEUE)).reviewQueue.nodes).toEqual([{ id: addEdge.id, status: 'PROPOSED', createdBy: 'ada' }]);
      });

      it("makes an admin's edge ACTIVE at once; accepting an ACTIVE edge or retracting a PROPOSED one is a CONFLICT", async () => {
        const { addEdge } = await api.data(ADD_EDGE, { input: NEW_CLAIM }, ADMIN);
        expect(addEdge.status).toBe('ACTIVE');
        expect((await refusal(ACCEPT, { id: addEdge.id, rev: 1 }, ADMIN)).extensions.code).toBe('CONFLICT');
        const proposal = (await api.data(ADD_EDGE, { input: { ...NEW_CLAIM, to: 'ust-10y-yield' } }, RESEARCHER)).addEdge;
        expect((await refusal(RETRACT, { id: proposal.id, rev: 1 }, ADMIN)).extensions.code).toBe('CONFLICT');
      });

      it("turns a researcher's change of an ACTIVE edge's weight into a proposal that replaces the edge when accepted", async () => {
        const { updateEdge } = await api.data(
          UPDATE_EDGE,
          { id: 'yields-move-fed', patch: { weight: 0.9 }, rev: 1, reason: 'stronger than that' },
          RESEARCHER,
        );
        expect(updateEdge).toMatchObject({ status: 'PROPOSED', revision: 1, weight: 0.9, polarity: 'NEGATIVE' });
        expect(updateEdge.id).not.toBe('yields-move-fed');
        expect(updateEdge.history[0].changes).toContainEqual({ field: 'supersedes', from: null, to: '"yields-move-fed"' });
        const strength = async () => (await api.data(ONE_HOP('ust-10y-yield'))).propagate.paths.map((p: any) => p.strength);
        expect(await strength()).toEqual([0.4]);
        expect((await api.data('{ edge(id: "yields-move-fed") { status revision weight } }')).edge).toEqual({
          status: 'ACTIVE',
          revision: 1,
          weight: 0.4,
        });
        await api.data(ACCEPT, { id: updateEdge.id, rev: 1 }, REVIEWER);
        expect(await strength()).toEqual([0.9]);
        const old = (await api.data('{ edge(id: "yields-move-fed") { status history { action by reason } } }')).edge;
        expect(old.status).toBe('RETRACTED');
        expect(old.history.at(-1)).toEqual({ action: 'RETRACTED', by: 'rosalind', reason: `superseded by ${updateEdge.id}, accepted` });
      });

      it('applies at once a researcher adding only evidence to an ACTIVE edge (it changes no answer)', async () => {
        const { updateEdge } = await api.data(
          UPDATE_EDGE,
          { id: 'yields-move-fed', patch: { addEvidence: [{ sourceId: 'hayes-2024-nochu', quote: 'a second quote' }] }, rev: 1 },
          RESEARCHER,
        );
        expect(updateEdge).toMatchObject({ id: 'yields-move-fed', status: 'ACTIVE', revision: 2 });
        expect(updateEdge.evidence).toHaveLength(2);
      });

      it('refuses a proposal for a claim an ACTIVE edge already makes, pointing at that edge', async () => {
        const miss = await refusal(
          ADD_EDGE,
          { input: { ...NEW_CLAIM, from: 'ust-10y-yield', to: 'fed-policy-rate', polarity: 'NEGATIVE' } },
          RESEARCHER,
        );
        expect(miss.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'input' });
        expect(miss.message).toMatch(/active edge yields-move-fed/);
      });
    });

    describe('suggestions from a source text', () => {
      /** Written here: two claims the fixture makes, one it lacks, and a negated one. */
      const ARTICLE = [
        '日本央行加息迫使日元套利交易平仓。',
        '日元套利交易平仓推高美國國債收益率。',
        'The Fed funds rate does not lift USD/JPY. 美联储利率上升可能压低美元/日元。',
      ].join('\n');
      const SUGGEST = `query($id: ID!) { suggestEdges(sourceId: $id, first: 10) {
        from { id } to { id } polarity quote score existingEdge { id status }
      } }`;
      const PROPOSE = `mutation($input: SuggestionInput!) { proposeSuggestion(input: $input) { ${EDGE} } }`;
      const addArticle = () =>
        api.data(ADD_SOURCE, { input: { id: 'new-article', title: 'A new article', language: 'zh-Hans', text: ARTICLE } }, RESEARCHER);

      it('suggests claims between known entities, best first, quoted verbatim, each with the ACTIVE edge that already makes it', async () => {
        await addArticle();
        const { suggestEdges } = await api.data(SUGGEST, { id: 'new-article' });
        const brief = suggestEdges.map((s: any) => [s.from.id, s.to.id, s.polarity, s.existingEdge?.id ?? null]);
        expect(brief).toEqual(
          expect.arrayContaining([
            ['boj-policy-rate', 'yen-carry-trade', 'NEGATIVE', 'boj-hike-unwinds-carry'],
            ['fed-policy-rate', 'usd-jpy', 'NEGATIVE', null],
          ]),
        );
        for (const s of suggestEdges) expect(ARTICLE).toContain(s.quote);
        const scores = suggestEdges.map((s: any) => s.score);
        expect(scores).toEqual([...scores].sort((a, b) => b - a));
        // "does not lift" makes no positive claim.
        expect(brief).not.toContainEqual(['fed-policy-rate', 'usd-jpy', 'POSITIVE', null]);
      });

      it('turns a suggestion into a proposal in one call, or into evidence on the edge that already makes the claim', async () => {
        await addArticle();
        const { suggestEdges } = await api.data(SUGGEST, { id: 'new-article' });
        const choose = (from: string, to: string) => {
          const s = suggestEdges.find((x: any) => x.from.id === from && x.to.id === to);
          return { sourceId: 'new-article', from, to, polarity: s.polarity, quote: s.quote };
        };
        const { proposeSuggestion: fresh } = await api.data(PROPOSE, { input: choose('fed-policy-rate', 'usd-jpy') }, RESEARCHER);
        expect(fresh).toMatchObject({
          status: 'PROPOSED',
          polarity: 'NEGATIVE',
          weight: 0.3,
          evidence: [{ source: { id: 'new-article' } }],
        });
        expect((await api.data(QUEUE)).reviewQueue.nodes.map((n: any) => n.id)).toEqual([fresh.id]);
        const { proposeSuggestion: known } = await api.data(PROPOSE, { input: choose('boj-policy-rate', 'yen-carry-trade') }, RESEARCHER);
        expect(known).toMatchObject({ id: 'boj-hike-unwinds-carry', status: 'ACTIVE', revision: 2 });
        expect(known.evidence.map((e: any) => e.source.id)).toEqual(['great-unwind-2026', 'new-article']);
        const wrong = await refusal(PROPOSE, { input: { ...choose('fed-policy-rate', 'usd-jpy'), quote: '美联储利率下降' } }, RESEARCHER);
        expect(wrong.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'input.quote' });
      });

      it('refuses a source without text, naming the argument', async () => {
        const miss = await refusal(SUGGEST, { id: 'hayes-2024-nochu' }, undefined);
        expect(miss.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'sourceId' });
        expect(miss.message).toMatch(/has no text/);
      });
    });

    describe('disagreements', () => {
      const DISAGREEMENTS = '{ disagreements { id polarity status evidence { quote source { id } } } }';

      it('lists pairs joined by ACTIVE edges of both polarities, each edge with its evidence; proposals do not count', async () => {
        const { disagreements } = await api.data(DISAGREEMENTS);
        expect(disagreements).toEqual([
          [
            expect.objectContaining({ id: 'carry-unwind-sells-ust', polarity: 'NEGATIVE', status: 'ACTIVE' }),
            expect.objectContaining({ id: 'carry-unwind-sells-ust-weak-claim', polarity: 'POSITIVE', status: 'ACTIVE' }),
          ],
        ]);
        expect(disagreements[0][0].evidence.length).toBeGreaterThan(0);
        // A proposal of the opposite sign on another pair is no disagreement until accepted.
        const proposal = (
          await api.data(
            ADD_EDGE,
            { input: { ...NEW_CLAIM, from: 'ust-10y-yield', to: 'fed-policy-rate', polarity: 'POSITIVE' } },
            RESEARCHER,
          )
        ).addEdge;
        expect((await api.data(DISAGREEMENTS)).disagreements).toHaveLength(1);
        await api.data(ACCEPT, { id: proposal.id, rev: 1 }, REVIEWER);
        // In order of from, then to: ust-10y-yield before yen-carry-trade.
        expect((await api.data(DISAGREEMENTS)).disagreements.map((g: any) => g.map((e: any) => e.id))).toEqual([
          [proposal.id, 'yields-move-fed'],
          ['carry-unwind-sells-ust', 'carry-unwind-sells-ust-weak-claim'],
        ]);
        await api.data(RETRACT, { id: 'carry-unwind-sells-ust-weak-claim', rev: 1 }, ADMIN);
        expect((await api.data(DISAGREEMENTS)).disagreements.map((g: any) => g.map((e: any) => e.id))).toEqual([
          [proposal.id, 'yields-move-fed'],
        ]);
      });
    });
  });
}
