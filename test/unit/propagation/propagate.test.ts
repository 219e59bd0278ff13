import { InvalidArgumentError } from '../../../src/domain/errors';
import { CausalGraph } from '../../../src/domain/propagation/causal-graph';
import { propagate } from '../../../src/domain/propagation/propagate';
import type { PropagationQuery, Shock } from '../../../src/domain/propagation/propagation.model';
import { bruteForcePropagate, type RefEdge } from '../../support/brute-force-propagate';
import { prng, randomGraph } from '../../support/random-graph';

// a ⇄ b twice (opposite claims), b -| c, c → a closes a cycle, a → c directly, c → d.
// Lags in days: the direct a → c is slow (10), the way through b fast (1 + 2).
const TOY: RefEdge[] = [
  { id: 'e-ab', fromId: 'a', toId: 'b', polarity: 'POSITIVE', weight: 0.5, lagDays: 1 },
  { id: 'e-ab2', fromId: 'a', toId: 'b', polarity: 'NEGATIVE', weight: 0.5, lagDays: 5 },
  { id: 'e-bc', fromId: 'b', toId: 'c', polarity: 'NEGATIVE', weight: 0.5, lagDays: 2 },
  { id: 'e-ca', fromId: 'c', toId: 'a', polarity: 'POSITIVE', weight: 0.9, lagDays: 0 },
  { id: 'e-ac', fromId: 'a', toId: 'c', polarity: 'POSITIVE', weight: 0.25, lagDays: 10 },
  { id: 'e-cd', fromId: 'c', toId: 'd', polarity: 'POSITIVE', weight: 1, lagDays: 1 },
];
const toy = CausalGraph.of(['a', 'b', 'c', 'd', 'lonely'], TOY);

function query(shocks: Array<Partial<Shock> & { entityId: string }>, rest: Partial<PropagationQuery> = {}): PropagationQuery {
  return {
    shocks: shocks.map((s) => ({ direction: 'UP', magnitude: 1, ...s })),
    maxHops: 3,
    minStrength: 0,
    topPaths: 1000,
    ...rest,
  };
}

const summary = (p: { entityIds: readonly string[]; edgeIds: readonly string[]; strength: number; direction: string }) =>
  `${p.entityIds.join('>')} [${p.edgeIds.join(',')}] ${p.strength} ${p.direction}`;

describe('propagate on a hand-built graph', () => {
  it('lists paths by strength, then fewer hops, then entity ids, then edge ids, flipping direction on NEGATIVE edges', () => {
    const result = propagate(toy, query([{ entityId: 'a' }], { maxHops: 2 }));
    expect(result.paths.map(summary)).toEqual([
      'a>b [e-ab] 0.5 UP',
      'a>b [e-ab2] 0.5 DOWN',
      'a>c [e-ac] 0.25 UP',
      'a>b>c [e-ab,e-bc] 0.25 DOWN',
      'a>b>c [e-ab2,e-bc] 0.25 UP',
      'a>c>d [e-ac,e-cd] 0.25 UP',
    ]);
  });

  it('summarises every surviving path per reached entity', () => {
    const result = propagate(toy, query([{ entityId: 'a' }], { maxHops: 2 }));
    expect(result.impacts).toEqual([
      // b: the two opposite claims cancel exactly.
      {
        entityId: 'b',
        direction: 'UP',
        strength: 0.5,
        hops: 1,
        pathCount: 2,
        mixed: true,
        earliestArrivalDays: 1,
        netEffect: 0,
        agreement: 0,
      },
      // c's strongest and shortest path (a → c) takes 10 days; through b it arrives after 3.
      // Its paths: +0.25 (a → c), −0.25 (through e-ab), +0.25 (through e-ab2).
      {
        entityId: 'c',
        direction: 'UP',
        strength: 0.25,
        hops: 1,
        pathCount: 3,
        mixed: true,
        earliestArrivalDays: 3,
        netEffect: 0.25,
        agreement: 1 / 3,
      },
      {
        entityId: 'd',
        direction: 'UP',
        strength: 0.25,
        hops: 2,
        pathCount: 1,
        mixed: false,
        earliestArrivalDays: 11,
        netEffect: 0.25,
        agreement: 1,
      },
    ]);
  });

  it('takes the impact direction from the first path in path order, not the first path found', () => {
    // Both b-paths are 0.5 and 1 hop; e-ab (UP) sorts before e-ab2 (DOWN). With a DOWN shock
    // the first path becomes DOWN, the second UP.
    const result = propagate(toy, query([{ entityId: 'a', direction: 'DOWN' }], { maxHops: 1 }));
    expect(result.impacts.find((i) => i.entityId === 'b')).toMatchObject({ direction: 'DOWN', mixed: true, pathCount: 2 });
    expect(result.paths.map(summary)).toEqual(['a>b [e-ab] 0.5 DOWN', 'a>b [e-ab2] 0.5 UP', 'a>c [e-ac] 0.25 DOWN']);
  });

  it('never revisits an entity, so cycles end', () => {
    const result = propagate(toy, query([{ entityId: 'c' }], { maxHops: 8 }));
    for (const p of result.paths) expect(new Set(p.entityIds).size).toBe(p.entityIds.length);
    expect(result.paths.map(summary)).toEqual([
      'c>d [e-cd] 1 UP',
      'c>a [e-ca] 0.9 UP',
      'c>a>b [e-ca,e-ab] 0.45 UP',
      'c>a>b [e-ca,e-ab2] 0.45 DOWN',
    ]);
  });

  it('keeps a path whose strength equals minStrength exactly and drops one just below', () => {
    const at = propagate(toy, query([{ entityId: 'a' }], { maxHops: 2, minStrength: 0.25 }));
    expect(at.paths).toHaveLength(6);
    const above = propagate(toy, query([{ entityId: 'a' }], { maxHops: 2, minStrength: 0.25000000000000006 }));
    expect(above.paths.map(summary)).toEqual(['a>b [e-ab] 0.5 UP', 'a>b [e-ab2] 0.5 DOWN']);
    expect(above.impacts.map((i) => i.entityId)).toEqual(['b']);
  });

  it('scales strengths by the shock magnitude', () => {
    const result = propagate(toy, query([{ entityId: 'a', magnitude: 0.5 }], { maxHops: 1 }));
    expect(result.paths.map((p) => p.strength)).toEqual([0.25, 0.25, 0.125]);
  });

  it('starts paths from every shock and never passes through another shocked entity', () => {
    const result = propagate(toy, query([{ entityId: 'a' }, { entityId: 'c', direction: 'DOWN' }], { maxHops: 4 }));
    expect(result.paths.map(summary)).toEqual(['c>d [e-cd] 1 DOWN', 'a>b [e-ab] 0.5 UP', 'a>b [e-ab2] 0.5 DOWN']);
    expect(result.impacts.map((i) => i.entityId)).toEqual(['d', 'b']);
  });

  it('keeps only the top K paths but counts every path in the impacts', () => {
    const result = propagate(toy, query([{ entityId: 'a' }], { maxHops: 2, topPaths: 1 }));
    expect(result.paths.map(summary)).toEqual(['a>b [e-ab] 0.5 UP']);
    expect(result.impacts.find((i) => i.entityId === 'c')?.pathCount).toBe(3);
  });

  it('adds up the lags along each path', () => {
    const result = propagate(toy, query([{ entityId: 'a' }], { maxHops: 3 }));
    const lag = (edges: string) => result.paths.find((p) => p.edgeIds.join(',') === edges)?.lagDays;
    expect([lag('e-ab'), lag('e-ab2'), lag('e-ac'), lag('e-ab,e-bc'), lag('e-ab2,e-bc,e-cd')]).toEqual([1, 5, 10, 3, 8]);
  });

  it('keeps only paths that arrive within horizonDays, cutting later ones during the walk', () => {
    const result = propagate(toy, query([{ entityId: 'a' }], { maxHops: 3, horizonDays: 3 }));
    expect(result.paths.map(summary)).toEqual(['a>b [e-ab] 0.5 UP', 'a>b>c [e-ab,e-bc] 0.25 DOWN']);
    expect(result.impacts.map((i) => [i.entityId, i.direction, i.pathCount, i.earliestArrivalDays])).toEqual([
      ['b', 'UP', 1, 1],
      ['c', 'DOWN', 1, 3],
    ]);
    // A path arriving exactly at the horizon is kept; one day less drops it.
    expect(propagate(toy, query([{ entityId: 'a' }], { maxHops: 3, horizonDays: 2 })).paths.map(summary)).toEqual(['a>b [e-ab] 0.5 UP']);
    expect(propagate(toy, query([{ entityId: 'a' }], { maxHops: 3, horizonDays: 0 })).paths).toEqual([]);
  });

  it('runs counterfactuals: as if disabled entities and edges did not exist', () => {
    const withoutB = propagate(toy, query([{ entityId: 'a' }], { maxHops: 3, disable: { entities: ['b'] } }));
    expect(withoutB.paths.map(summary)).toEqual(['a>c [e-ac] 0.25 UP', 'a>c>d [e-ac,e-cd] 0.25 UP']);
    const withoutDirect = propagate(toy, query([{ entityId: 'a' }], { maxHops: 2, disable: { edges: ['e-ac', 'e-ab2'] } }));
    expect(withoutDirect.paths.map(summary)).toEqual(['a>b [e-ab] 0.5 UP', 'a>b>c [e-ab,e-bc] 0.25 DOWN']);
  });

  it('answers an entity without outgoing edges with nothing', () => {
    expect(propagate(toy, query([{ entityId: 'lonely' }]))).toEqual({ impacts: [], paths: [], examinedEdges: 0 });
  });

  it('prunes a branch the moment it falls below minStrength instead of enumerating behind it', () => {
    // s reaches a large fan-out only through one weak edge.
    const edges: RefEdge[] = [{ id: 'weak', fromId: 's', toId: 'hub', polarity: 'POSITIVE', weight: 0.01 }];
    const ids = ['s', 'hub'];
    for (let i = 0; i < 50; i++) {
      ids.push(`x${i}`);
      edges.push({ id: `fan-${i}`, fromId: 'hub', toId: `x${i}`, polarity: 'POSITIVE', weight: 1 });
      edges.push({ id: `back-${i}`, fromId: `x${i}`, toId: 'hub', polarity: 'POSITIVE', weight: 1 });
    }
    const graph = CausalGraph.of(ids, edges);
    const pruned = propagate(graph, query([{ entityId: 's' }], { maxHops: 8, minStrength: 0.05 }));
    expect(pruned).toEqual({ impacts: [], paths: [], examinedEdges: 1 });
    const open = propagate(graph, query([{ entityId: 's' }], { maxHops: 8, minStrength: 0.001 }));
    expect(open.examinedEdges).toBeGreaterThan(100);
  });

  it('gives the same answer whatever order the edges were loaded in', () => {
    const shuffled = CausalGraph.of(['lonely', 'd', 'c', 'b', 'a'], [...TOY].reverse());
    const q = query([{ entityId: 'a' }], { maxHops: 4 });
    expect(propagate(shuffled, q)).toEqual(propagate(toy, q));
  });
});

describe('propagate argument checks', () => {
  const cases: Array<[string, Partial<PropagationQuery>, RegExp]> = [
    ['maxHops', { maxHops: 0 }, /^maxHops must be an integer from 1 to 8 \(got 0\)$/],
    ['maxHops', { maxHops: 9 }, /from 1 to 8/],
    ['minStrength', { minStrength: 1 }, /^minStrength must be a number in \[0, 1\) \(got 1\)$/],
    ['minStrength', { minStrength: -0.1 }, /\[0, 1\)/],
    ['topPaths', { topPaths: 0 }, /^topPaths must be an integer from 1 to 1000/],
    ['topPaths', { topPaths: 1001 }, /from 1 to 1000/],
    ['shocks', { shocks: [] }, /^shocks must list from 1 to 50 shocks/],
    ['shocks[0].entityId', { shocks: [{ entityId: 'nope', direction: 'UP', magnitude: 1 }] }, /names no entity \(got "nope"\)/],
    ['shocks[0].magnitude', { shocks: [{ entityId: 'a', direction: 'UP', magnitude: 0 }] }, /\(0, 1\]/],
    ['shocks[0].magnitude', { shocks: [{ entityId: 'a', direction: 'UP', magnitude: 1.5 }] }, /\(0, 1\]/],
    [
      'shocks[1].entityId',
      {
        shocks: [
          { entityId: 'a', direction: 'UP', magnitude: 1 },
          { entityId: 'a', direction: 'DOWN', magnitude: 1 },
        ],
      },
      /a second time/,
    ],
    ['horizonDays', { horizonDays: -1 }, /^horizonDays must be an integer from 0 to 3650/],
    ['disable.entities[0]', { disable: { entities: ['nope'] } }, /names no entity \(got "nope"\)/],
    ['disable.entities[0]', { disable: { entities: ['a'] } }, /is shocked/],
    ['disable.edges[0]', { disable: { edges: ['e-zz'] } }, /names no active causal edge/],
    ['disable.edges', { disable: { edges: Array.from({ length: 201 }, () => 'e-ab') } }, /at most 200 ids \(got 201\)/],
  ];
  it.each(cases)('rejects a bad %s, naming it and the allowed values', (argument, bad, message) => {
    const run = () => propagate(toy, { ...query([{ entityId: 'a' }]), ...bad });
    expect(run).toThrow(InvalidArgumentError);
    expect(run).toThrow(message);
    try {
      run();
    } catch (error) {
      expect((error as InvalidArgumentError).argument).toBe(argument);
    }
  });
});

describe('propagate against the brute-force reference', () => {
  const check = (edges: RefEdge[], entityIds: string[], q: PropagationQuery) => {
    const { impacts, paths } = propagate(CausalGraph.of(entityIds, edges), q);
    const pathSummaries = impacts.map(({ netEffect: _n, agreement: _a, ...rest }) => rest);
    expect({ impacts: pathSummaries, paths }).toEqual(bruteForcePropagate(edges, q));
  };

  it.each([1, 2, 3, 4, 5])('agrees on the hand-built graph at maxHops %i', (maxHops) => {
    for (const minStrength of [0, 0.1, 0.25, 0.45, 0.5]) {
      for (const topPaths of [1, 2, 3, 1000]) {
        check(TOY, ['a', 'b', 'c', 'd', 'lonely'], query([{ entityId: 'a' }], { maxHops, minStrength, topPaths }));
        check(
          TOY,
          ['a', 'b', 'c', 'd', 'lonely'],
          query([{ entityId: 'c', direction: 'DOWN' }, { entityId: 'b' }], { maxHops, minStrength, topPaths }),
        );
      }
    }
  });

  it('agrees on 300 random graphs with cycles, parallel edges, ties and several shocks', () => {
    const rand = prng(20261124);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    for (let seed = 1; seed <= 300; seed++) {
      const nodes = 4 + Math.floor(rand() * 9);
      const graph = randomGraph(seed, nodes, Math.floor(nodes * (1 + rand() * 3)));
      const shockCount = 1 + Math.floor(rand() * 3);
      const shocked = [...graph.entityIds].sort(() => rand() - 0.5).slice(0, shockCount);
      const others = graph.entityIds.filter((id) => !shocked.includes(id));
      const q = query(
        shocked.map((entityId) => ({ entityId, direction: pick(['UP', 'DOWN'] as const), magnitude: pick([1, 0.8, 0.5]) })),
        {
          maxHops: 1 + Math.floor(rand() * 5),
          minStrength: pick([0, 0.01, 0.05, 0.1, 0.2, 0.25, 0.5]),
          topPaths: pick([1, 3, 10, 25, 1000]),
          horizonDays: pick([null, null, 0, 3, 10, 30]),
          disable:
            rand() < 0.3
              ? { entities: others.filter(() => rand() < 0.2), edges: graph.edges.filter(() => rand() < 0.1).map((e) => e.id) }
              : null,
        },
      );
      try {
        check(graph.edges, graph.entityIds, q);
      } catch (error) {
        throw new Error(`random graph seed ${seed}, query ${JSON.stringify(q)}:\n${(error as Error).message}`, { cause: error });
      }
    }
  });
});
