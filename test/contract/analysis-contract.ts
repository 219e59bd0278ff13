import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config';
import type { GraphBackend } from '../../src/application/ports/graph-backend';
import { readSeed } from '../../src/storage/seed/read-seed';
import { createTestApi, type TestApi } from '../support/test-api';
import { HeavyWork } from '../../src/application/heavy-work';
import { AnalysisPool } from '../../src/workers/analysis-pool';
import type { OpenStore } from './read-contract';

const SEED = readSeed(join(PROJECT_ROOT, 'seed'));

/** Loops, counterfactuals, timing, explanations, scenarios, rankings, neighbourhoods, net effects, channels and the response, on the curated graph. */
export function describeAnalysisContract(backend: string, open: OpenStore): void {
  describe(`analysis contract on the ${backend} backend (curated graph)`, () => {
    let store: GraphBackend;
    let api: TestApi;
    // The analyses run on a worker thread, as in the server: the answers below hold for the
    // pool on every backend (the pool's own tests show it answers as the calling thread does).
    let pool: AnalysisPool;
    beforeAll(async () => {
      store = await open(SEED);
      pool = new AnalysisPool({ threads: 1 });
      api = createTestApi(store, SEED.scenarios, { heavy: new HeavyWork(pool) });
      // The thread's start (under ts-jest it compiles the worker's sources) is not any test's time.
      await api.data('{ feedbackLoops(maxLength: 2, first: 1) { kind } }');
    }, 60_000);
    afterAll(async () => {
      await pool.close();
      await store.close();
    });

    const badInput = async (query: string, argument: string, message: RegExp) => {
      const { errors } = await api.run(query);
      expect(errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument } });
      expect(errors![0].message).toMatch(message);
    };

    it('finds the basis-trade margin spiral as a reinforcing loop, once', async () => {
      const { feedbackLoops } = await api.data(
        '{ feedbackLoops(through: "move-index", maxLength: 4, first: 100) { entities { id } edges { id } kind strength length } }',
      );
      const spiral = feedbackLoops.filter((l: any) =>
        ['repo-margin-requirements', 'rv-basis-trade', 'treasury-market-liquidity'].every((id) => l.entities.some((e: any) => e.id === id)),
      );
      expect(spiral.length).toBeGreaterThan(0);
      expect(spiral.every((l: any) => l.kind === 'REINFORCING')).toBe(true);
      const keys = feedbackLoops.map((l: any) => l.edges.map((e: any) => e.id).join(','));
      expect(new Set(keys).size).toBe(keys.length);
      const all = await api.data('{ feedbackLoops(maxLength: 4, first: 500) { edges { id } strength } }');
      for (const loop of feedbackLoops) {
        expect(all.feedbackLoops).toContainEqual({ edges: loop.edges, strength: loop.strength });
      }
    });

    it('runs a BOJ hike as if the FIMA repo facility did not exist and reports what changes', async () => {
      const q = (
        extra: string,
      ) => `{ propagate(shocks: [{ entityId: "boj-policy-rate" }], maxHops: 5, minStrength: 0.01, topPaths: 200${extra}) {
        impacts { entity { id } direction strength }
        paths { edges { id } entities { id } }
        comparison { changes { kind entity { id } before { direction strength } after { direction strength } } cutPaths { entities { id } } }
      } }`;
      const base = (await api.data(q(''))).propagate;
      expect(base.comparison).toBeNull();
      expect(base.impacts.map((i: any) => i.entity.id)).toContain('fima-repo-facility');
      const cf = (await api.data(q(', disable: { entities: ["fima-repo-facility"] }, compare: true'))).propagate;
      const before = new Map(base.impacts.map((i: any) => [i.entity.id, i]));
      const after = new Map(cf.impacts.map((i: any) => [i.entity.id, i]));
      expect(after.has('fima-repo-facility')).toBe(false);
      expect(cf.comparison.changes).toContainEqual({
        kind: 'VANISHED',
        entity: { id: 'fima-repo-facility' },
        before: expect.any(Object),
        after: null,
      });
      for (const change of cf.comparison.changes) {
        const b: any = before.get(change.entity.id);
        const a: any = after.get(change.entity.id);
        expect(change.before).toEqual(b ? { direction: b.direction, strength: b.strength } : null);
        expect(change.after).toEqual(a ? { direction: a.direction, strength: a.strength } : null);
        const kind = !a
          ? 'VANISHED'
          : !b
            ? 'APPEARED'
            : a.direction !== b.direction
              ? 'FLIPPED'
              : a.strength < b.strength
                ? 'WEAKENED'
                : 'STRENGTHENED';
        expect(change.kind).toBe(kind);
      }
      const unchanged = [...before.keys()].filter((id) => !cf.comparison.changes.some((c: any) => c.entity.id === id));
      for (const id of unchanged) expect(after.get(id)).toEqual(before.get(id));
      expect(cf.comparison.cutPaths.length).toBeGreaterThan(0);
      expect(cf.comparison.cutPaths.every((p: any) => p.entities.some((e: any) => e.id === 'fima-repo-facility'))).toBe(true);
    });

    it('keeps only paths that arrive within the horizon and says when each impact arrives', async () => {
      const all = (
        await api.data(
          '{ propagate(shocks: [{ entityId: "boj-policy-rate" }], maxHops: 4, minStrength: 0.01, topPaths: 1000) { paths { lagDays edges { lagDays } } impacts { earliestArrivalDays } } }',
        )
      ).propagate;
      for (const p of all.paths) expect(p.lagDays).toBe(p.edges.reduce((s: number, e: any) => s + e.lagDays, 0));
      expect(all.paths.some((p: any) => p.lagDays > 5)).toBe(true);
      const within = (
        await api.data(
          '{ propagate(shocks: [{ entityId: "boj-policy-rate" }], maxHops: 4, minStrength: 0.01, topPaths: 1000, horizonDays: 5) { paths { lagDays } impacts { earliestArrivalDays } } }',
        )
      ).propagate;
      expect(within.paths.length).toBe(all.paths.filter((p: any) => p.lagDays <= 5).length);
      expect(within.paths.every((p: any) => p.lagDays <= 5)).toBe(true);
      expect(within.impacts.every((i: any) => i.earliestArrivalDays <= 5)).toBe(true);
    });

    it('explains each path step by step in words that agree with its direction', async () => {
      const { propagate } = await api.data(
        '{ propagate(shocks: [{ entityId: "boj-policy-rate" }], maxHops: 3, topPaths: 10) { paths { direction hops entities { name } edges { mechanism evidence { quote } } explanation { text steps { fromMoves toMoves mechanism quote sentence } } } } }',
      );
      for (const path of propagate.paths) {
        expect(path.explanation.steps).toHaveLength(path.hops);
        expect(path.explanation.text.startsWith(`${path.entities[0].name} rises`)).toBe(true);
        expect(path.explanation.steps.at(-1).toMoves).toBe(path.direction);
        path.explanation.steps.forEach((step: any, i: number) => {
          expect(step.mechanism).toBe(path.edges[i].mechanism);
          expect(step.quote).toBe(path.edges[i].evidence[0].quote);
          expect(step.sentence).toContain(step.quote);
        });
      }
    });

    it('lists the scenarios from the articles and runs each one', async () => {
      const { scenarios } = await api.data('{ scenarios { id title quote source { id } shocks { entity { id } direction magnitude } } }');
      expect(scenarios.map((s: any) => s.id)).toEqual(
        expect.arrayContaining([
          'boj-hike',
          'liberation-day-tariffs',
          'nochu-forced-ust-sale',
          'rrp-drain-by-bills',
          'srf-stealth-qe',
          'treasury-buybacks',
        ]),
      );
      for (const scenario of scenarios) {
        const { propagate } = await api.data(`{ propagate(scenario: "${scenario.id}") { paths { entities { id } } } }`);
        expect(propagate.paths.length).toBeGreaterThan(0);
        expect(propagate.paths[0].entities[0].id).toBe(scenario.shocks[0].entity.id);
      }
      await badInput('{ propagate(scenario: "nope") { paths { hops } } }', 'scenario', /names no scenario/);
      await badInput(
        '{ propagate(scenario: "boj-hike", shocks: [{ entityId: "gold" }]) { paths { hops } } }',
        'scenario',
        /instead of shocks/,
      );
    });

    it('ranks leverage points and vulnerable entities with their parameters', async () => {
      const { rankings } = await api.data(
        '{ rankings(first: 5) { maxHops minStrength method leverage { entity { id } influence reaches } vulnerable { entity { id } exposure } } }',
      );
      expect(rankings).toMatchObject({ maxHops: 3, minStrength: 0.05, method: expect.stringContaining('influence') });
      expect(rankings.leverage).toHaveLength(5);
      const influence = rankings.leverage.map((s: any) => s.influence);
      expect(influence).toEqual([...influence].sort((a, b) => b - a));
      const exposure = rankings.vulnerable.map((s: any) => s.exposure);
      expect(exposure).toEqual([...exposure].sort((a, b) => b - a));
      await badInput('{ rankings(maxHops: 5) { maxHops } }', 'maxHops', /from 1 to 4/);
    });

    it('gives every impact its net effect and agreement, and channels from a BOJ hike to UST yields that sum to it', async () => {
      const { propagate } = await api.data(
        '{ propagate(shocks: [{ entityId: "boj-policy-rate" }], maxHops: 4, minStrength: 0.01, topPaths: 1000) { impacts { entity { id } strength pathCount mixed netEffect agreement } paths { entities { id } edges { id } strength direction } } }',
      );
      for (const impact of propagate.impacts) {
        expect(impact.agreement).toBeGreaterThanOrEqual(0);
        expect(impact.agreement).toBeLessThanOrEqual(1);
        expect(Math.abs(impact.netEffect)).toBeLessThanOrEqual(impact.pathCount * impact.strength + 1e-12);
        if (!impact.mixed) expect(impact.agreement).toBe(1);
      }
      const ust = propagate.impacts.find((i: any) => i.entity.id === 'ust-10y-yield');
      expect(ust).toMatchObject({ mixed: true, netEffect: expect.any(Number) });
      const { channels } = await api.data(
        '{ channels(from: { entityId: "boj-policy-rate" }, to: "ust-10y-yield", topPaths: 1000) { pathCount netEffect agreement paths { entities { id } edges { id } strength direction } contributions(first: 500) { edge { id from { id } to { id } } contribution pathCount } } }',
      );
      // The same paths as propagate's that end there, in the same order, summed to the same bits.
      expect(channels.paths).toEqual(propagate.paths.filter((p: any) => p.entities.at(-1).id === 'ust-10y-yield'));
      expect([channels.pathCount, channels.netEffect, channels.agreement]).toEqual([ust.pathCount, ust.netEffect, ust.agreement]);
      const signed = (p: any) => (p.direction === 'UP' ? p.strength : -p.strength);
      expect(channels.netEffect).toBeCloseTo(
        channels.paths.reduce((s: number, p: any) => s + signed(p), 0),
        12,
      );
      // Every channel leaves the shock by one edge and arrives by one: each end's contributions sum to the net effect.
      const sumAt = (end: 'from' | 'to', id: string) =>
        channels.contributions.filter((c: any) => c.edge[end].id === id).reduce((s: number, c: any) => s + c.contribution, 0);
      expect(sumAt('to', 'ust-10y-yield')).toBeCloseTo(channels.netEffect, 12);
      expect(sumAt('from', 'boj-policy-rate')).toBeCloseTo(channels.netEffect, 12);
      const sizes = channels.contributions.map((c: any) => Math.abs(c.contribution));
      expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
      const firstTen = (
        await api.data('{ channels(from: { entityId: "boj-policy-rate" }, to: "ust-10y-yield") { contributions { edge { id } } } }')
      ).channels.contributions;
      expect(firstTen.map((c: any) => c.edge.id)).toEqual(channels.contributions.slice(0, 10).map((c: any) => c.edge.id));
    });

    it('restricts channels to paths through every via entity and no avoided one', async () => {
      const q = (extra: string) =>
        `{ channels(from: { entityId: "boj-policy-rate" }, to: "ust-10y-yield", topPaths: 1000${extra}) { pathCount netEffect paths { entities { id } } } }`;
      const all = (await api.data(q(''))).channels;
      const via = (await api.data(q(', via: ["yen-carry-trade"]'))).channels;
      const avoid = (await api.data(q(', avoid: ["yen-carry-trade"]'))).channels;
      const through = (p: any) => p.entities.some((e: any) => e.id === 'yen-carry-trade');
      expect(via.paths).toEqual(all.paths.filter(through));
      expect(avoid.paths).toEqual(all.paths.filter((p: any) => !through(p)));
      expect(via.pathCount + avoid.pathCount).toBe(all.pathCount);
      expect(via.netEffect + avoid.netEffect).toBeCloseTo(all.netEffect, 12);
      await badInput('{ channels(from: { entityId: "boj-policy-rate" }, to: "nope") { pathCount } }', 'to', /names no entity/);
      await badInput('{ channels(from: { entityId: "boj-policy-rate" }, to: "gold", maxHops: 9) { pathCount } }', 'maxHops', /from 1 to 8/);
      await badInput(
        '{ channels(from: { entityId: "boj-policy-rate" }, to: "gold", via: ["usd-jpy"], avoid: ["usd-jpy"]) { pathCount } }',
        'avoid[0]',
        /in both via and avoid/,
      );
      await badInput(
        '{ channels(from: { entityId: "boj-policy-rate" }, to: "gold") { contributions(first: 0) { pathCount } } }',
        'first',
        /from 1 to 500/,
      );
    });

    it('answers the response to a BOJ hike: a converged steady state, its series, and seeded bands', async () => {
      const query = (args: string) =>
        `{ response(${args}) { converged steps samplesConverged unsettledDays entities { entity { id } level direction series peakDay band { p05 p50 p95 sameSign } } } }`;
      const { response } = await api.data(query('scenario: "boj-hike", horizonDays: 120, samples: 40, seed: 7'));
      expect(response).toMatchObject({ converged: true, samplesConverged: 40, unsettledDays: 0 });
      expect(response.steps).toBeLessThanOrEqual(1000);
      expect(response.entities.length).toBeGreaterThan(20);
      expect(response.entities.map((e: any) => e.entity.id)).not.toContain('boj-policy-rate');
      const sizes = response.entities.map((e: any) => Math.abs(e.level));
      expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
      for (const e of response.entities) {
        expect(Math.abs(e.level)).toBeLessThan(1);
        expect(e.direction).toBe(e.level > 0 ? 'UP' : 'DOWN');
        expect(e.series).toHaveLength(121);
        expect(e.series[0]).toBeGreaterThanOrEqual(-1);
        const peak = Math.max(...e.series.map(Math.abs));
        expect(Math.abs(e.series[e.peakDay])).toBe(peak);
        expect(e.series.findIndex((v: number) => Math.abs(v) === peak)).toBe(e.peakDay);
        expect(e.band.p05).toBeLessThanOrEqual(e.band.p50);
        expect(e.band.p50).toBeLessThanOrEqual(e.band.p95);
      }
      // The same shocks by hand give the same answer, and the same seed the same bands.
      const byHand = (await api.data(query('shocks: [{ entityId: "boj-policy-rate" }], horizonDays: 120, samples: 40, seed: 7'))).response;
      expect(byHand).toEqual(response);
      const otherSeed = (await api.data(query('scenario: "boj-hike", horizonDays: 120, samples: 40, seed: 8'))).response;
      expect(otherSeed.entities.map((e: any) => e.level)).toEqual(response.entities.map((e: any) => e.level));
      expect(otherSeed.entities.map((e: any) => e.band)).not.toEqual(response.entities.map((e: any) => e.band));
      const plain = (await api.data('{ response(scenario: "boj-hike") { entities { band { p50 } series } } }')).response;
      expect(plain.entities.every((e: any) => e.band === null && e.series.length === 91)).toBe(true);
    });

    it('runs the response as a counterfactual, and refuses what it cannot answer, naming the argument', async () => {
      const level = async (extra: string) => {
        const { response } = await api.data(`{ response(scenario: "boj-hike"${extra}) { entities { entity { id } level } } }`);
        return new Map(response.entities.map((e: any) => [e.entity.id, e.level]));
      };
      const base = await level('');
      const without = await level(', disable: { entities: ["yen-carry-trade"] }');
      expect(base.has('yen-carry-trade')).toBe(true);
      expect(without.has('yen-carry-trade')).toBe(false);
      expect(without.get('ust-10y-yield')).not.toBe(base.get('ust-10y-yield'));
      await badInput('{ response(scenario: "boj-hike", horizonDays: 731) { steps } }', 'horizonDays', /from 0 to 730/);
      await badInput('{ response(scenario: "boj-hike", adjustmentDays: 0) { steps } }', 'adjustmentDays', /from 1 to 365/);
      await badInput('{ response(scenario: "boj-hike", samples: 1001) { steps } }', 'samples', /from 0 to 1000/);
      await badInput('{ response { steps } }', 'shocks', /from 1 to 50 shocks/);
      await badInput('{ response(scenario: "boj-hike", shocks: [{ entityId: "gold" }]) { steps } }', 'scenario', /instead of shocks/);
    });

    it('draws the neighbourhood of an entity with the edges among its members', async () => {
      const { neighbourhood, entity } = await api.data(
        '{ neighbourhood(id: "sofr", hops: 1) { truncated entities { id } edges { from { id } to { id } } } entity(id: "sofr") { outgoing { to { id } } incoming { from { id } } } }',
      );
      const ids = neighbourhood.entities.map((e: any) => e.id);
      expect(ids[0]).toBe('sofr');
      expect(new Set(ids.slice(1))).toEqual(
        new Set([...entity.outgoing.map((e: any) => e.to.id), ...entity.incoming.map((e: any) => e.from.id)]),
      );
      for (const edge of neighbourhood.edges) expect(ids).toEqual(expect.arrayContaining([edge.from.id, edge.to.id]));
      await badInput('{ neighbourhood(id: "sofr", hops: 9) { truncated } }', 'hops', /from 1 to 4/);
      await badInput('{ neighbourhood(id: "nope") { truncated } }', 'id', /names no entity/);
    });
  });

  describe(`analyses on the ${backend} backend leave proposals out unless asked`, () => {
    let store: GraphBackend;
    let api: TestApi;
    // Two claims awaiting review: BOJ → Bitcoin and back, a loop of proposals.
    const proposal = (id: string, fromId: string, toId: string) => ({
      id,
      fromId,
      toId,
      polarity: 'POSITIVE' as const,
      weight: 0.9,
      confidence: 0.5,
      lagDays: 0,
      mechanism: 'A proposed claim.',
      evidence: [SEED.edges[0].evidence[0]],
      status: 'PROPOSED' as const,
    });
    beforeAll(async () => {
      store = await open({
        ...SEED,
        edges: [
          ...SEED.edges,
          proposal('proposed-boj-to-bitcoin', 'boj-policy-rate', 'bitcoin'),
          proposal('proposed-bitcoin-to-boj', 'bitcoin', 'boj-policy-rate'),
        ],
      });
      api = createTestApi(store, SEED.scenarios);
    });
    afterAll(() => store.close());

    it('in propagate, channels, feedbackLoops, rankings and response', async () => {
      const ask = (includeProposed: boolean) =>
        api.data(`{
          propagate(shocks: [{ entityId: "boj-policy-rate" }], maxHops: 1, includeProposed: ${includeProposed}) { paths { edges { id } } }
          channels(from: { entityId: "boj-policy-rate" }, to: "bitcoin", maxHops: 1, includeProposed: ${includeProposed}) { pathCount }
          feedbackLoops(through: "bitcoin", maxLength: 2, includeProposed: ${includeProposed}) { edges { id } }
          rankings(first: 500, includeProposed: ${includeProposed}) { leverage { entity { id } reaches } }
          response(shocks: [{ entityId: "boj-policy-rate" }], horizonDays: 0, includeProposed: ${includeProposed}) { entities { entity { id } level } }
        }`);
      const [accepted, proposed] = [await ask(false), await ask(true)];
      const walked = (data: any) => data.propagate.paths.flatMap((p: any) => p.edges.map((e: any) => e.id));
      expect(walked(accepted)).not.toContain('proposed-boj-to-bitcoin');
      expect(walked(proposed)).toContain('proposed-boj-to-bitcoin');
      expect([accepted.channels.pathCount, proposed.channels.pathCount]).toEqual([0, 1]);
      expect(accepted.feedbackLoops).toEqual([]);
      expect(proposed.feedbackLoops).toEqual([{ edges: [{ id: 'proposed-bitcoin-to-boj' }, { id: 'proposed-boj-to-bitcoin' }] }]);
      const reaches = (data: any) => data.rankings.leverage.find((s: any) => s.entity.id === 'bitcoin')?.reaches ?? 0;
      expect(reaches(proposed)).toBeGreaterThan(reaches(accepted) + 5);
      const bitcoin = (data: any) => data.response.entities.find((e: any) => e.entity.id === 'bitcoin')?.level ?? 0;
      expect(bitcoin(proposed)).toBeGreaterThan(bitcoin(accepted));
    });
  });
}
