import { Deadline, DeadlineExceededError, InvalidArgumentError } from '../../../src/domain/errors';
import { CausalGraph } from '../../../src/domain/propagation/causal-graph';
import { channels } from '../../../src/domain/propagation/channels';
import type { ChannelsQuery } from '../../../src/domain/propagation/channels.model';
import { propagate } from '../../../src/domain/propagation/propagate';
import { referenceChannels, referenceNetEffects, type AnswerEdge } from '../../support/reference-answer';
import { prng, randomGraph } from '../../support/random-graph';

// a ⇄ b twice (opposite claims), b -| c, c → a closes a cycle, a → c directly, c → d.
const TOY: AnswerEdge[] = [
  { id: 'e-ab', fromId: 'a', toId: 'b', polarity: 'POSITIVE', weight: 0.5, lagDays: 1 },
  { id: 'e-ab2', fromId: 'a', toId: 'b', polarity: 'NEGATIVE', weight: 0.5, lagDays: 5 },
  { id: 'e-bc', fromId: 'b', toId: 'c', polarity: 'NEGATIVE', weight: 0.5, lagDays: 2 },
  { id: 'e-ca', fromId: 'c', toId: 'a', polarity: 'POSITIVE', weight: 0.9, lagDays: 0 },
  { id: 'e-ac', fromId: 'a', toId: 'c', polarity: 'POSITIVE', weight: 0.25, lagDays: 10 },
  { id: 'e-cd', fromId: 'c', toId: 'd', polarity: 'POSITIVE', weight: 1, lagDays: 1 },
];
const IDS = ['a', 'b', 'c', 'd', 'lonely'];
const toy = CausalGraph.of(IDS, TOY);

function query(rest: Partial<ChannelsQuery> = {}): ChannelsQuery {
  return { from: { entityId: 'a', direction: 'UP', magnitude: 1 }, to: 'c', maxHops: 4, minStrength: 0, topPaths: 25, ...rest };
}

const summary = (p: { entityIds: readonly string[]; edgeIds: readonly string[]; strength: number; direction: string }) =>
  `${p.entityIds.join('>')} [${p.edgeIds.join(',')}] ${p.strength} ${p.direction}`;

describe('channels on a hand-built graph', () => {
  it('lists every path from the shock that ends at the target, in path order, with their net effect', () => {
    const result = channels(toy, query());
    expect(result.paths.map(summary)).toEqual(['a>c [e-ac] 0.25 UP', 'a>b>c [e-ab,e-bc] 0.25 DOWN', 'a>b>c [e-ab2,e-bc] 0.25 UP']);
    expect(result).toMatchObject({ pathCount: 3, netEffect: 0.25, agreement: 1 / 3 });
  });

  it('says which edges the answer hinges on: signed sums over the paths that use them, largest first, then by id', () => {
    expect(channels(toy, query()).contributions).toEqual([
      { edgeId: 'e-ab', contribution: -0.25, pathCount: 1 },
      { edgeId: 'e-ab2', contribution: 0.25, pathCount: 1 },
      { edgeId: 'e-ac', contribution: 0.25, pathCount: 1 },
      { edgeId: 'e-bc', contribution: 0, pathCount: 2 },
    ]);
  });

  it('keeps only paths through every via entity and through no avoided one', () => {
    expect(channels(toy, query({ via: ['b'] })).paths.map(summary)).toEqual(['a>b>c [e-ab,e-bc] 0.25 DOWN', 'a>b>c [e-ab2,e-bc] 0.25 UP']);
    expect(channels(toy, query({ avoid: ['b'] })).paths.map(summary)).toEqual(['a>c [e-ac] 0.25 UP']);
    const throughC = channels(toy, query({ to: 'd', via: ['c'], minStrength: 0.1 }));
    expect(throughC.paths.map(summary)).toEqual([
      'a>c>d [e-ac,e-cd] 0.25 UP',
      'a>b>c>d [e-ab,e-bc,e-cd] 0.25 DOWN',
      'a>b>c>d [e-ab2,e-bc,e-cd] 0.25 UP',
    ]);
    expect(channels(toy, query({ to: 'd', via: ['b'], avoid: ['lonely'] })).netEffect).toBe(0);
  });

  it('answers a target out of reach with nothing, and never walks a path back through the shock', () => {
    expect(channels(toy, query({ to: 'lonely' }))).toMatchObject({
      paths: [],
      pathCount: 0,
      netEffect: 0,
      agreement: 0,
      contributions: [],
    });
    expect(channels(toy, query({ from: { entityId: 'c', direction: 'UP', magnitude: 1 }, to: 'b' })).paths.map(summary)).toEqual([
      'c>a>b [e-ca,e-ab] 0.45 UP',
      'c>a>b [e-ca,e-ab2] 0.45 DOWN',
    ]);
  });

  it('gives the target the very net effect propagate gives it (same paths, same order of summing)', () => {
    const impact = propagate(toy, { shocks: [query().from], maxHops: 4, minStrength: 0, topPaths: 1 }).impacts.find(
      (i) => i.entityId === 'c',
    );
    const result = channels(toy, query());
    expect([result.netEffect, result.agreement, result.pathCount]).toEqual([impact!.netEffect, impact!.agreement, impact!.pathCount]);
  });

  it('stops exploring branches that cannot reach the target instead of enumerating and filtering', () => {
    // s → t directly, and s → x0, the door to a complete tangle of 8 entities that never reaches t.
    const edges: AnswerEdge[] = [
      { id: 'direct', fromId: 's', toId: 't', polarity: 'POSITIVE', weight: 0.5 },
      { id: 'into-tangle', fromId: 's', toId: 'x0', polarity: 'POSITIVE', weight: 1 },
    ];
    const ids = ['s', 't'];
    for (let i = 0; i < 8; i++) {
      ids.push(`x${i}`);
      for (let j = 0; j < 8; j++)
        if (i !== j) edges.push({ id: `x${i}-x${j}`, fromId: `x${i}`, toId: `x${j}`, polarity: 'POSITIVE', weight: 1 });
    }
    const graph = CausalGraph.of(ids, edges);
    const q = query({ from: { entityId: 's', direction: 'UP', magnitude: 1 }, to: 't', maxHops: 6 });
    const aimed = channels(graph, q);
    expect(aimed.paths.map(summary)).toEqual(['s>t [direct] 0.5 UP']);
    expect(aimed.examinedEdges).toBe(2);
    expect(propagate(graph, { shocks: [q.from], maxHops: 6, minStrength: 0, topPaths: 1 }).examinedEdges).toBeGreaterThan(1000);
  });

  it('cuts a branch whose best continuation would fall below minStrength, and keeps one exactly at it', () => {
    const edges: AnswerEdge[] = [
      { id: 'e1', fromId: 's', toId: 'm', polarity: 'POSITIVE', weight: 0.5 },
      { id: 'e2', fromId: 'm', toId: 't', polarity: 'NEGATIVE', weight: 0.5 },
      { id: 'e3', fromId: 'm', toId: 'x', polarity: 'POSITIVE', weight: 1 },
      { id: 'e4', fromId: 'x', toId: 't', polarity: 'POSITIVE', weight: 0.4 },
    ];
    const graph = CausalGraph.of(['s', 'm', 't', 'x'], edges);
    const from = { entityId: 's', direction: 'UP' as const, magnitude: 1 };
    expect(channels(graph, query({ from, to: 't', minStrength: 0.25 })).paths.map(summary)).toEqual(['s>m>t [e1,e2] 0.25 DOWN']);
    const weaker = channels(graph, query({ from, to: 't', minStrength: 0.2 }));
    expect(weaker.paths.map(summary)).toEqual(['s>m>t [e1,e2] 0.25 DOWN', 's>m>x>t [e1,e3,e4] 0.2 UP']);
    expect(channels(graph, query({ from, to: 't', minStrength: 0.26 }))).toMatchObject({ pathCount: 0, examinedEdges: 1 });
  });
});

describe('channels under a deadline', () => {
  it('stops a long walk when its deadline has passed', () => {
    // A complete tangle of 9 entities: millions of paths within 8 hops, and t reachable from each.
    const ids = ['t', ...Array.from({ length: 9 }, (_, i) => `x${i}`)];
    const edges: AnswerEdge[] = [];
    for (let i = 0; i < 9; i++) {
      edges.push({ id: `x${i}-t`, fromId: `x${i}`, toId: 't', polarity: 'POSITIVE', weight: 1 });
      for (let j = 0; j < 9; j++)
        if (i !== j) edges.push({ id: `x${i}-x${j}`, fromId: `x${i}`, toId: `x${j}`, polarity: 'POSITIVE', weight: 1 });
    }
    const graph = CausalGraph.of(ids, edges);
    const q = query({ from: { entityId: 'x0', direction: 'UP', magnitude: 1 }, to: 't', maxHops: 8 });
    expect(() => channels(graph, q, new Deadline(performance.now() - 1, 1))).toThrow(DeadlineExceededError);
    expect(channels(graph, { ...q, maxHops: 3 }, new Deadline(performance.now() + 60_000, 60_000)).pathCount).toBe(1 + 8 + 8 * 7);
  });
});

describe('channels argument checks', () => {
  const cases: Array<[string, Partial<ChannelsQuery>, RegExp]> = [
    ['maxHops', { maxHops: 9 }, /^maxHops must be an integer from 1 to 8 \(got 9\)$/],
    ['minStrength', { minStrength: 1 }, /\[0, 1\)/],
    ['topPaths', { topPaths: 0 }, /from 1 to 1000/],
    ['from.entityId', { from: { entityId: 'nope', direction: 'UP', magnitude: 1 } }, /names no entity \(got "nope"\)/],
    ['from.magnitude', { from: { entityId: 'a', direction: 'UP', magnitude: 2 } }, /\(0, 1\]/],
    ['to', { to: 'nope' }, /names no entity/],
    ['to', { to: 'a' }, /is the shocked entity itself/],
    ['via[0]', { via: ['nope'] }, /names no entity/],
    ['via[0]', { via: ['c'] }, /is an end of the channels/],
    ['via[1]', { via: ['b', 'b'] }, /a second time/],
    ['via', { via: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] }, /^via must list at most 7 ids \(got 8\)$/],
    ['avoid[0]', { via: ['b'], avoid: ['b'] }, /in both via and avoid/],
    ['avoid[0]', { avoid: ['a'] }, /is an end of the channels/],
  ];
  it.each(cases)('rejects a bad %s, naming it and the allowed values', (argument, bad, message) => {
    const run = () => channels(toy, query(bad));
    expect(run).toThrow(InvalidArgumentError);
    expect(run).toThrow(message);
    try {
      run();
    } catch (error) {
      expect((error as InvalidArgumentError).argument).toBe(argument);
    }
  });
});

/** A random graph with cycles and ties, plus an opposite twin for about one edge in five, and some proposals. */
export function randomAnswerGraph(seed: number, nodes: number, edges: number): { entityIds: string[]; edges: AnswerEdge[] } {
  const graph = randomGraph(seed, nodes, edges);
  const rand = prng(seed * 31 + 7);
  const twins: AnswerEdge[] = graph.edges
    .filter(() => rand() < 0.2)
    .map((e) => ({
      ...e,
      id: `${e.id}-twin`,
      polarity: e.polarity === 'NEGATIVE' ? 'POSITIVE' : 'NEGATIVE',
      weight: rand() < 0.5 ? e.weight : 0.5,
    }));
  const all: AnswerEdge[] = [...graph.edges, ...twins].map((e) => ({ ...e, proposed: rand() < 0.1 }));
  return { entityIds: graph.entityIds, edges: all };
}

describe('channels and net effects against the brute-force reference', () => {
  const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThan(1e-12);

  it('agrees on 200 random graphs with cycles, parallel opposite edges, ties, via and avoid', () => {
    const rand = prng(16_2026);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    let nonEmpty = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const nodes = 4 + Math.floor(rand() * 7);
      const { entityIds, edges } = randomAnswerGraph(seed, nodes, Math.floor(nodes * (1 + rand() * 2.5)));
      const graph = CausalGraph.of(entityIds, edges);
      const [fromId, to, ...others] = [...entityIds].sort(() => rand() - 0.5);
      const via = others.filter(() => rand() < 0.15).slice(0, 2);
      const avoid = others.filter((id) => !via.includes(id) && rand() < 0.15);
      const q: ChannelsQuery = {
        from: { entityId: fromId, direction: pick(['UP', 'DOWN'] as const), magnitude: pick([1, 0.8]) },
        to,
        maxHops: 1 + Math.floor(rand() * 5),
        minStrength: pick([0, 0.01, 0.05, 0.1, 0.25]),
        topPaths: pick([1, 3, 25]),
        via,
        avoid,
        includeProposed: rand() < 0.3,
      };
      try {
        const ours = channels(graph, q);
        const ref = referenceChannels(edges, q);
        expect(ours.paths).toEqual(ref.paths);
        expect(ours.pathCount).toBe(ref.pathCount);
        close(ours.netEffect, ref.netEffect);
        close(ours.agreement, ref.agreement);
        const refByEdge = new Map(ref.contributions.map((c) => [c.edgeId, c]));
        expect(ours.contributions.map((c) => c.edgeId).sort()).toEqual([...refByEdge.keys()].sort());
        for (const c of ours.contributions) {
          expect(c.pathCount).toBe(refByEdge.get(c.edgeId)!.pathCount);
          close(c.contribution, refByEdge.get(c.edgeId)!.contribution);
        }
        for (let i = 1; i < ours.contributions.length; i++) {
          const [a, b] = [ours.contributions[i - 1], ours.contributions[i]];
          expect(
            Math.abs(a.contribution) > Math.abs(b.contribution) ||
              (Math.abs(a.contribution) === Math.abs(b.contribution) && a.edgeId < b.edgeId),
          ).toBe(true);
        }
        if (ref.pathCount > 0) nonEmpty++;
      } catch (error) {
        throw new Error(`random graph seed ${seed}, query ${JSON.stringify(q)}:\n${(error as Error).message}`, { cause: error });
      }
    }
    // The random cases are worth something only if many of them have channels.
    expect(nonEmpty).toBeGreaterThan(40);
  });

  it('gives every impact the net effect and agreement of the reference on 200 random graphs', () => {
    const rand = prng(20_161);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    for (let seed = 1; seed <= 200; seed++) {
      const nodes = 4 + Math.floor(rand() * 8);
      const { entityIds, edges } = randomAnswerGraph(seed, nodes, Math.floor(nodes * (1 + rand() * 2.5)));
      const shocked = [...entityIds].sort(() => rand() - 0.5).slice(0, 1 + Math.floor(rand() * 3));
      const q = {
        shocks: shocked.map((entityId) => ({ entityId, direction: pick(['UP', 'DOWN'] as const), magnitude: pick([1, 0.5]) })),
        maxHops: 1 + Math.floor(rand() * 5),
        minStrength: pick([0, 0.01, 0.1, 0.25]),
        topPaths: 5,
        horizonDays: pick([null, null, 3, 10]),
        includeProposed: rand() < 0.3,
      };
      const ours = propagate(CausalGraph.of(entityIds, edges), q);
      const ref = referenceNetEffects(edges, q);
      try {
        expect(ours.impacts.map((i) => i.entityId).sort()).toEqual([...ref.keys()].sort());
        for (const impact of ours.impacts) {
          const r = ref.get(impact.entityId)!;
          expect(impact.pathCount).toBe(r.pathCount);
          close(impact.netEffect, r.netEffect);
          close(impact.agreement, r.agreement);
        }
      } catch (error) {
        throw new Error(`random graph seed ${seed}, query ${JSON.stringify(q)}:\n${(error as Error).message}`, { cause: error });
      }
    }
  });

  it('sums to the bit the same net effects whatever order the graph was built in', () => {
    const { entityIds, edges } = randomAnswerGraph(7, 12, 40);
    const q = {
      shocks: [
        { entityId: entityIds[0], direction: 'UP' as const, magnitude: 1 },
        { entityId: entityIds[5], direction: 'DOWN' as const, magnitude: 0.7 },
      ],
      maxHops: 5,
      minStrength: 0,
      topPaths: 3,
      includeProposed: true,
    };
    const a = propagate(CausalGraph.of(entityIds, edges), q);
    const b = propagate(CausalGraph.of([...entityIds].reverse(), [...edges].reverse()), q);
    expect(b.impacts).toEqual(a.impacts);
  });
});
