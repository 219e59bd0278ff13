import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config';
import type { GraphBackend } from '../../src/application/ports/graph-backend';
import { readSeed } from '../../src/storage/seed/read-seed';
import { createTestApi, type TestApi } from '../support/test-api';
import type { OpenStore } from './read-contract';

const SEED = readSeed(join(PROJECT_ROOT, 'seed'));

/** Loops, counterfactuals, timing, explanations, scenarios, rankings and neighbourhoods, on the curated graph. */
export function describeAnalysisContract(backend: string, open: OpenStore): void {
  describe(`analysis contract on the ${backend} backend (curated graph)`, () => {
    let store: GraphBackend;
    let api: TestApi;
    beforeAll(async () => {
      store = await open(SEED);
      api = createTestApi(store, SEED.scenarios);
    });
    afterAll(() => store.close());

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
}
