import { Deadline, DeadlineExceededError, InvalidArgumentError } from '../../../src/domain/errors';
import { CausalGraph } from '../../../src/domain/propagation/causal-graph';
import { CausalIndex } from '../../../src/domain/propagation/causal-index';
import { channels } from '../../../src/domain/propagation/channels';
import { propagate } from '../../../src/domain/propagation/propagate';
import { response } from '../../../src/domain/response/response';
import type { ResponseQuery } from '../../../src/domain/response/response.model';
import type { AnswerEdge } from '../../support/reference-answer';
import { referenceSeries, referenceSteadyState } from '../../support/reference-response';
import { prng, randomGraph } from '../../support/random-graph';

const edge = (id: string, fromId: string, toId: string, weight: number, rest: Partial<AnswerEdge> = {}): AnswerEdge => ({
  id,
  fromId,
  toId,
  polarity: 'POSITIVE',
  weight,
  ...rest,
});

function query(entityId: string, rest: Partial<ResponseQuery> = {}): ResponseQuery {
  return { shocks: [{ entityId, direction: 'UP', magnitude: 1 }], horizonDays: 10, adjustmentDays: 1, samples: 0, seed: 1, ...rest };
}

const level = (r: ReturnType<typeof response>, id: string) => r.entities.find((e) => e.entityId === id);

describe('response: the steady state', () => {
  it('settles a chain at tanh of the input, halfway each step, and lists entities by |level| then id', () => {
    const graph = CausalGraph.of(['a', 'b', 'c', 'z'], [edge('ab', 'a', 'b', 0.5), edge('bc', 'b', 'c', 0.8, { polarity: 'NEGATIVE' })]);
    const r = response(graph, query('a'));
    expect(r.converged).toBe(true);
    expect(r.entities.map((e) => [e.entityId, e.direction])).toEqual([
      ['b', 'UP'],
      ['c', 'DOWN'],
    ]);
    expect(level(r, 'b')!.level).toBeCloseTo(Math.tanh(0.5), 9);
    expect(level(r, 'c')!.level).toBeCloseTo(-Math.tanh(0.8 * Math.tanh(0.5)), 8);
    // b halves its distance to tanh(0.5) every step: about 30 steps to get within 1e-9.
    expect(r.steps).toBeGreaterThan(25);
    expect(r.steps).toBeLessThan(40);
  });

  it('lets a reinforcing loop amplify a shock beyond what any path carries, bounded by tanh', () => {
    // a → b, and b ⇄ c reinforcing each other strongly.
    const edges = [edge('ab', 'a', 'b', 0.3), edge('bc', 'b', 'c', 0.9), edge('cb', 'c', 'b', 0.9)];
    const graph = CausalGraph.of(['a', 'b', 'c'], edges);
    const paths = propagate(graph, { shocks: [{ entityId: 'a', direction: 'UP', magnitude: 1 }], maxHops: 8, minStrength: 0, topPaths: 5 });
    const b = level(response(graph, query('a')), 'b')!.level;
    expect(b).toBeGreaterThan(paths.impacts.find((i) => i.entityId === 'b')!.netEffect * 2);
    expect(b).toBeLessThan(1);
  });

  it('leaves out edges into a shocked entity, disabled entities and edges, and proposals unless asked', () => {
    const edges = [
      edge('ab', 'a', 'b', 0.5),
      edge('ba', 'b', 'a', 0.9, { polarity: 'NEGATIVE' }),
      edge('bc', 'b', 'c', 0.5),
      edge('ad', 'a', 'd', 0.5, { proposed: true }),
    ];
    const graph = CausalGraph.of(['a', 'b', 'c', 'd'], edges);
    const base = response(graph, query('a'));
    expect(base.entities.map((e) => e.entityId)).toEqual(['b', 'c']);
    expect(level(base, 'b')!.level).toBeCloseTo(Math.tanh(0.5), 9); // b → a is ignored: a is held
    expect(response(graph, query('a', { includeProposed: true })).entities.map((e) => e.entityId)).toEqual(['b', 'd', 'c']);
    expect(response(graph, query('a', { disable: { entities: ['b'] } })).entities).toEqual([]);
    expect(response(graph, query('a', { disable: { edges: ['bc'] } })).entities.map((e) => e.entityId)).toEqual(['b']);
  });

  it('answers a DOWN shock with the exact opposite of an UP one', () => {
    const graph = randomResponseGraph(5, 10, 30);
    const up = response(CausalGraph.of(graph.entityIds, graph.edges), query(graph.entityIds[2], { horizonDays: 20, adjustmentDays: 3 }));
    const down = response(
      CausalGraph.of(graph.entityIds, graph.edges),
      query(graph.entityIds[2], {
        shocks: [{ entityId: graph.entityIds[2], direction: 'DOWN', magnitude: 1 }],
        horizonDays: 20,
        adjustmentDays: 3,
      }),
    );
    expect(up.entities.length).toBeGreaterThan(3);
    expect(down.entities.map((e) => [e.entityId, e.level, e.series, e.direction])).toEqual(
      up.entities.map((e) => [e.entityId, -e.level, e.series.map((v) => 0 - v), e.direction === 'UP' ? 'DOWN' : 'UP']),
    );
  });

  it('agrees with the plain dense iteration of DOMAIN.md on 100 random graphs', () => {
    const rand = prng(316);
    let converged = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const nodes = 3 + Math.floor(rand() * 10);
      const graph = randomResponseGraph(seed, nodes, Math.floor(nodes * (1 + rand() * 2.5)));
      const shocked = [...graph.entityIds].sort(() => rand() - 0.5).slice(0, 1 + Math.floor(rand() * 2));
      const others = graph.entityIds.filter((id) => !shocked.includes(id));
      const q = query(shocked[0], {
        shocks: shocked.map((entityId) => ({ entityId, direction: rand() < 0.5 ? 'UP' : 'DOWN', magnitude: rand() < 0.5 ? 1 : 0.6 })),
        disable:
          rand() < 0.3
            ? { entities: others.filter(() => rand() < 0.2), edges: graph.edges.filter(() => rand() < 0.1).map((e) => e.id) }
            : null,
        includeProposed: rand() < 0.3,
      });
      const ours = response(CausalGraph.of(graph.entityIds, graph.edges), q);
      const ref = referenceSteadyState(graph.entityIds, graph.edges, q);
      try {
        expect([ours.converged, ours.steps]).toEqual([ref.converged, ref.steps]);
        if (!ref.converged) continue;
        converged++;
        const expected = [...ref.levels].filter(([id, v]) => v !== 0 && !shocked.includes(id));
        expect(ours.entities.map((e) => e.entityId).sort()).toEqual(expected.map(([id]) => id).sort());
        for (const e of ours.entities) expect(Math.abs(e.level - ref.levels.get(e.entityId)!)).toBeLessThan(1e-12);
      } catch (error) {
        throw new Error(`random graph seed ${seed}, query ${JSON.stringify(q)}:\n${(error as Error).message}`, { cause: error });
      }
    }
    expect(converged).toBeGreaterThan(80);
  });
});

describe('response: the series over time', () => {
  it('moves a chain at its lag, closing 1/adjustmentDays of the gap each day', () => {
    const graph = CausalGraph.of(['a', 'b', 'c'], [edge('ab', 'a', 'b', 0.5, { lagDays: 3 }), edge('bc', 'b', 'c', 1)]);
    const immediate = response(graph, query('a', { horizonDays: 6 }));
    const t = Math.tanh(0.5);
    expect(level(immediate, 'b')!.series).toEqual([0, 0, 0, t, t, t, t]);
    expect(level(immediate, 'c')!.series).toEqual([0, 0, 0, Math.tanh(t), Math.tanh(t), Math.tanh(t), Math.tanh(t)]);
    const smoothed = level(response(graph, query('a', { horizonDays: 5, adjustmentDays: 4 })), 'b')!.series;
    expect(smoothed.slice(0, 3)).toEqual([0, 0, 0]);
    expect(smoothed[3]).toBeCloseTo(t / 4, 12);
    expect(smoothed[4]).toBeCloseTo((3 / 4) * (t / 4) + t / 4, 12);
    expect(smoothed[5]).toBeCloseTo((3 / 4) * smoothed[4] + t / 4, 12);
  });

  it('reports the first day of the largest move as the peak, and approaches the steady state', () => {
    // b rises at once, then a delayed balancing edge pulls it back: the peak comes first.
    const edges = [
      edge('ab', 'a', 'b', 0.9),
      edge('bc', 'b', 'c', 0.9, { lagDays: 2 }),
      edge('cb', 'c', 'b', 0.9, { polarity: 'NEGATIVE', lagDays: 2 }),
    ];
    const r = response(CausalGraph.of(['a', 'b', 'c'], edges), query('a', { horizonDays: 400, adjustmentDays: 5 }));
    const b = level(r, 'b')!;
    const peak = Math.max(...b.series.map(Math.abs));
    expect(b.peakDay).toBe(b.series.findIndex((v) => Math.abs(v) === peak));
    expect(b.peakDay).toBeGreaterThan(0);
    expect(b.peakDay).toBeLessThan(40);
    expect(Math.abs(b.series[400] - b.level)).toBeLessThan(1e-6);
  });

  it('agrees with the plain day-by-day iteration of DOMAIN.md on 60 random graphs', () => {
    const rand = prng(7316);
    let compared = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const nodes = 3 + Math.floor(rand() * 7);
      const graph = randomResponseGraph(seed, nodes, Math.floor(nodes * (1 + rand() * 2)));
      const q = query(graph.entityIds[Math.floor(rand() * nodes)], {
        horizonDays: 40,
        adjustmentDays: [1, 2, 5, 10][Math.floor(rand() * 4)],
        includeProposed: rand() < 0.3,
      });
      const ref = referenceSeries(graph.entityIds, graph.edges, q, q.horizonDays, q.adjustmentDays);
      if (!ref) continue;
      compared++;
      const ours = response(CausalGraph.of(graph.entityIds, graph.edges), q);
      try {
        expect(ours.unsettledDays).toBe(0);
        for (const e of ours.entities) {
          const expected = ref.get(e.entityId)!;
          e.series.forEach((v, day) => expect(Math.abs(v - expected[day])).toBeLessThan(1e-7));
        }
      } catch (error) {
        throw new Error(`random graph seed ${seed}, query ${JSON.stringify(q)}:\n${(error as Error).message}`, { cause: error });
      }
    }
    expect(compared).toBeGreaterThan(40);
  });
});

describe('response: Monte-Carlo bands', () => {
  const edges = [
    edge('ab', 'a', 'b', 0.6, { confidence: 0.4 }),
    edge('bc', 'b', 'c', 0.5, { confidence: 0.7, polarity: 'NEGATIVE' }),
    edge('cb', 'c', 'b', 0.3, { confidence: 0.3 }),
    edge('ad', 'a', 'd', 0.2, { confidence: 0.2 }),
  ];
  const graph = CausalGraph.of(['a', 'b', 'c', 'd'], edges);

  it('gives the same numbers for the same seed, different ones for another seed', () => {
    const one = response(graph, query('a', { samples: 200, seed: 42 }));
    expect(response(graph, query('a', { samples: 200, seed: 42 }))).toEqual(one);
    const other = response(graph, query('a', { samples: 200, seed: 43 }));
    expect(other.entities.map((e) => e.band)).not.toEqual(one.entities.map((e) => e.band));
    expect(other.entities.map((e) => e.level)).toEqual(one.entities.map((e) => e.level));
  });

  it('brackets the steady state with ordered percentiles and counts draws of the same sign', () => {
    const r = response(graph, query('a', { samples: 300, seed: 7 }));
    expect(r.samplesConverged).toBe(300);
    for (const e of r.entities) {
      const band = e.band!;
      expect(band.p05).toBeLessThanOrEqual(band.p50);
      expect(band.p50).toBeLessThanOrEqual(band.p95);
      expect(band.p05).toBeLessThan(band.p95);
      expect(band.sameSign).toBeGreaterThan(0.5);
      expect(band.sameSign).toBeLessThanOrEqual(1);
    }
    expect(level(r, 'b')!.band!.sameSign).toBe(1); // every draw of a positive weight moves b up
  });

  it('has no spread at all when every edge has confidence 1', () => {
    const sure = CausalGraph.of(
      ['a', 'b', 'c', 'd'],
      edges.map((e) => ({ ...e, confidence: 1 })),
    );
    const r = response(sure, query('a', { samples: 50, seed: 3 }));
    for (const e of r.entities) expect(e.band).toEqual({ p05: e.level, p50: e.level, p95: e.level, sameSign: 1 });
  });

  it('leaves bands out without samples', () => {
    expect(response(graph, query('a')).entities.every((e) => e.band === null)).toBe(true);
  });
});

describe('response, channels and net effects on every numbering', () => {
  it('give the same numbers, to the bit, when the index numbered entities and edges in another order', () => {
    const graph = randomResponseGraph(11, 12, 36);
    const built = CausalGraph.of(graph.entityIds, graph.edges);
    // The same graph grown write by write, newest ids first: numbers no longer follow id order.
    const index = CausalIndex.build([], []);
    const reversed = [...graph.entityIds].reverse();
    for (const id of reversed) index.apply({ entities: [id] });
    for (const e of [...graph.edges].reverse()) index.apply({ upsert: [e] });
    const grown = index.graph;
    expect(grown.numberOf(reversed[0])).toBe(0);
    const shocks = [
      { entityId: graph.entityIds[0], direction: 'UP' as const, magnitude: 1 },
      { entityId: graph.entityIds[3], direction: 'DOWN' as const, magnitude: 0.5 },
    ];
    const r = query('x', { shocks, samples: 20, seed: 9, horizonDays: 30, adjustmentDays: 3, includeProposed: true });
    expect(response(grown, r)).toEqual(response(built, r));
    const p = { shocks, maxHops: 5, minStrength: 0, topPaths: 10, includeProposed: true };
    expect(propagate(grown, p)).toEqual(propagate(built, p));
    const c = { from: shocks[0], to: graph.entityIds[5], maxHops: 5, minStrength: 0, topPaths: 10, includeProposed: true };
    expect(channels(grown, c)).toEqual(channels(built, c));
  });
});

describe('response under a deadline', () => {
  it('stops the sweeps, the series and the draws when the deadline has passed', () => {
    const big = randomResponseGraph(3, 400, 2400);
    const graph = CausalGraph.of(big.entityIds, big.edges);
    const past = () => new Deadline(performance.now() - 1, 1);
    const q = query(big.entityIds[0], { horizonDays: 0 });
    expect(() => response(graph, q, past())).toThrow(DeadlineExceededError);
    const small = CausalGraph.of(['a', 'b'], [edge('ab', 'a', 'b', 0.5, { confidence: 0.5 })]);
    expect(() => response(small, query('a', { samples: 5 }), past())).toThrow(DeadlineExceededError);
    expect(response(small, query('a', { samples: 5 }), new Deadline(performance.now() + 60_000, 60_000)).entities).toHaveLength(1);
  });
});

describe('response argument checks', () => {
  const graph = CausalGraph.of(['a', 'b'], [edge('ab', 'a', 'b', 0.5)]);
  const cases: Array<[string, Partial<ResponseQuery>, RegExp]> = [
    ['horizonDays', { horizonDays: 731 }, /^horizonDays must be an integer from 0 to 730 \(got 731\)$/],
    ['adjustmentDays', { adjustmentDays: 0 }, /^adjustmentDays must be an integer from 1 to 365 \(got 0\)$/],
    ['samples', { samples: 1001 }, /^samples must be an integer from 0 to 1000 \(got 1001\)$/],
    ['seed', { seed: 1.5 }, /^seed must be an integer from -2147483648 to 2147483647/],
    ['shocks', { shocks: [] }, /^shocks must list from 1 to 50 shocks \(got 0\)$/],
    ['shocks[0].entityId', { shocks: [{ entityId: 'nope', direction: 'UP', magnitude: 1 }] }, /names no entity/],
    ['disable.entities[0]', { disable: { entities: ['a'] } }, /is shocked/],
    ['disable.edges[0]', { disable: { edges: ['nope'] } }, /names no active causal edge/],
  ];
  it.each(cases)('rejects a bad %s, naming it and the allowed values', (argument, bad, message) => {
    const run = () => response(graph, query('a', bad));
    expect(run).toThrow(InvalidArgumentError);
    expect(run).toThrow(message);
    try {
      run();
    } catch (error) {
      expect((error as InvalidArgumentError).argument).toBe(argument);
    }
  });
});

/** A random graph with cycles, parallel opposite edges, lags, confidences and a few proposals. */
function randomResponseGraph(seed: number, nodes: number, edges: number): { entityIds: string[]; edges: AnswerEdge[] } {
  const graph = randomGraph(seed, nodes, edges);
  const rand = prng(seed * 17 + 3);
  const twins: AnswerEdge[] = graph.edges
    .filter(() => rand() < 0.2)
    .map((e) => ({ ...e, id: `${e.id}-twin`, polarity: e.polarity === 'NEGATIVE' ? 'POSITIVE' : 'NEGATIVE' }));
  return {
    entityIds: graph.entityIds,
    edges: [...graph.edges, ...twins].map((e) => ({
      ...e,
      proposed: rand() < 0.1,
      confidence: [0.3, 0.5, 0.8, 1][Math.floor(rand() * 4)],
    })),
  };
}
