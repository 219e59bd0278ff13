import { findFeedbackLoops } from '../../../src/domain/analysis/feedback-loops';
import { influenceOf } from '../../../src/domain/analysis/influence';
import { neighbourhoodOf } from '../../../src/domain/analysis/neighbourhood';
import { InvalidArgumentError } from '../../../src/domain/errors';
import { CausalGraph } from '../../../src/domain/propagation/causal-graph';
import { comparePropagations } from '../../../src/domain/propagation/compare-propagations';
import { explainPath } from '../../../src/domain/propagation/explain-path';
import { propagate } from '../../../src/domain/propagation/propagate';
import type { RefEdge } from '../../support/brute-force-propagate';
import { randomGraph } from '../../support/random-graph';

const e = (id: string, fromId: string, toId: string, polarity: 'POSITIVE' | 'NEGATIVE', weight: number, lagDays = 0): RefEdge => ({
  id,
  fromId,
  toId,
  polarity,
  weight,
  lagDays,
});

/** Every directed simple cycle, found from every entity in every rotation, then deduplicated: slow and plain. */
function bruteLoops(ids: string[], edges: RefEdge[], maxLength: number): Map<string, { strength: number; negatives: number }> {
  const loops = new Map<string, { strength: number; negatives: number }>();
  const walk = (path: string[], used: RefEdge[]) => {
    for (const edge of edges.filter((x) => x.fromId === path[path.length - 1])) {
      if (edge.toId === path[0]) {
        const all = [...used, edge];
        const rot = path.indexOf([...path].sort()[0]);
        const key = `${[...path.slice(rot), ...path.slice(0, rot)].join('>')}|${[...all.slice(rot), ...all.slice(0, rot)].map((x) => x.id).join(',')}`;
        const canonical = [...all.slice(rot), ...all.slice(0, rot)];
        loops.set(key, {
          strength: canonical.reduce((s, x) => s * x.weight, 1),
          negatives: all.filter((x) => x.polarity === 'NEGATIVE').length,
        });
      } else if (!path.includes(edge.toId) && path.length < maxLength) walk([...path, edge.toId], [...used, edge]);
    }
  };
  for (const id of ids) walk([id], []);
  return loops;
}

describe('feedback loops', () => {
  // a ⇄ b twice over (two claims a → b), b → c → a: four loops.
  const edges = [
    e('ab', 'a', 'b', 'POSITIVE', 0.9),
    e('ab-neg', 'a', 'b', 'NEGATIVE', 0.5),
    e('ba', 'b', 'a', 'NEGATIVE', 0.8),
    e('bc', 'b', 'c', 'POSITIVE', 0.7),
    e('ca', 'c', 'a', 'POSITIVE', 0.6),
  ];
  const graph = CausalGraph.of(['a', 'b', 'c', 'd'], edges);

  it('reports each loop once, strongest first, with its kind from the count of NEGATIVE edges', () => {
    expect(
      findFeedbackLoops(graph, { maxLength: 6, first: 50 }).map((l) => [
        l.entityIds.join('>'),
        l.edgeIds.join(','),
        l.kind,
        +l.strength.toFixed(3),
      ]),
    ).toEqual(
      [
        ['a>b', 'ab,ba', 'BALANCING', 0.72],
        ['a>b>c', 'ab,bc,ca', 'REINFORCING', 0.378],
        ['a>b', 'ab-neg,ba', 'REINFORCING', 0.4],
        ['a>b>c', 'ab-neg,bc,ca', 'BALANCING', 0.21],
      ].sort((x, y) => (y[3] as number) - (x[3] as number)),
    );
  });

  it('finds the same loops entered from any entity, starting each at its smallest id', () => {
    for (const through of ['a', 'b', 'c']) {
      const loops = findFeedbackLoops(graph, { through, maxLength: 6, first: 50 });
      expect(loops.every((l) => l.entityIds[0] === 'a' && l.entityIds.includes(through))).toBe(true);
    }
    expect(findFeedbackLoops(graph, { through: 'c', maxLength: 6, first: 50 })).toHaveLength(2);
    expect(findFeedbackLoops(graph, { through: 'd', maxLength: 6, first: 50 })).toEqual([]);
    expect(findFeedbackLoops(graph, { maxLength: 2, first: 50 }).map((l) => l.edgeIds.length)).toEqual([2, 2]);
  });

  it('agrees with a brute-force enumeration on random graphs, and keeps the strongest when cut by `first`', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const nodes = 5 + (seed % 5);
      const g = randomGraph(seed, nodes, nodes * 2 + (seed % 7));
      const maxLength = 2 + (seed % 5);
      const expected = bruteLoops(g.entityIds, g.edges, maxLength);
      expect(expected.size).toBeLessThan(500); // so `first: 500` below returns them all
      const found = findFeedbackLoops(CausalGraph.of(g.entityIds, g.edges), { maxLength, first: 500 });
      expect(found.map((l) => `${l.entityIds.join('>')}|${l.edgeIds.join(',')}`).sort()).toEqual([...expected.keys()].sort());
      for (const loop of found) {
        const truth = expected.get(`${loop.entityIds.join('>')}|${loop.edgeIds.join(',')}`)!;
        expect([loop.strength, loop.kind]).toEqual([truth.strength, truth.negatives % 2 === 0 ? 'REINFORCING' : 'BALANCING']);
      }
      const top3 = findFeedbackLoops(CausalGraph.of(g.entityIds, g.edges), { maxLength, first: 3 });
      expect(top3).toEqual(found.slice(0, 3));
    }
  });

  it('rejects limits out of range before any work', () => {
    expect(() => findFeedbackLoops(graph, { maxLength: 9, first: 5 })).toThrow(
      new InvalidArgumentError('maxLength', 'must be an integer from 2 to 8 (got 9)'),
    );
    expect(() => findFeedbackLoops(graph, { maxLength: 3, first: 501 })).toThrow(/first must be an integer from 1 to 500/);
    expect(() => findFeedbackLoops(graph, { through: 'zz', maxLength: 3, first: 5 })).toThrow(/through names no entity/);
  });
});

describe('counterfactual comparison', () => {
  const toy = [
    e('e-ab', 'a', 'b', 'POSITIVE', 0.5, 1),
    e('e-ab2', 'a', 'b', 'NEGATIVE', 0.5, 5),
    e('e-bc', 'b', 'c', 'NEGATIVE', 0.5, 2),
    e('e-ac', 'a', 'c', 'POSITIVE', 0.25, 10),
    e('e-cd', 'c', 'd', 'POSITIVE', 1, 1),
  ];
  const graph = CausalGraph.of(['a', 'b', 'c', 'd'], toy);
  const q = { shocks: [{ entityId: 'a', direction: 'UP' as const, magnitude: 1 }], maxHops: 3, minStrength: 0, topPaths: 100 };

  it('names what flips, weakens and vanishes, and the top paths that are cut', () => {
    const base = propagate(graph, q);
    const without = propagate(graph, { ...q, disable: { edges: ['e-ac'] } });
    const diff = comparePropagations(base, without, { entities: [], edges: ['e-ac'] });
    // c and d were first reached UP through e-ac; without it the first path runs a → b → c (DOWN).
    expect(diff.changes.map((c) => [c.entityId, c.kind, c.before?.direction, c.after?.direction])).toEqual([
      ['c', 'FLIPPED', 'UP', 'DOWN'],
      ['d', 'FLIPPED', 'UP', 'DOWN'],
    ]);
    expect(diff.cutPaths.map((p) => p.edgeIds.join(','))).toEqual(['e-ac', 'e-ac,e-cd']);
    const withoutB = comparePropagations(base, propagate(graph, { ...q, disable: { entities: ['b'] } }), { entities: ['b'], edges: [] });
    expect(withoutB.changes.map((c) => [c.entityId, c.kind])).toEqual([['b', 'VANISHED']]);
    const weaker = comparePropagations(base, propagate(graph, { ...q, disable: { edges: ['e-ab'] } }), { entities: [], edges: ['e-ab'] });
    expect(weaker.changes.find((c) => c.entityId === 'b')).toMatchObject({ kind: 'FLIPPED' });
  });
});

describe('explanations, neighbourhoods and rankings', () => {
  const graph = CausalGraph.of(
    ['a', 'b', 'c', 'd'],
    [e('ab', 'a', 'b', 'NEGATIVE', 0.5), e('bc', 'b', 'c', 'POSITIVE', 0.5), e('dc', 'd', 'c', 'POSITIVE', 0.9)],
  );

  it('puts a path into words whose directions follow the polarities', () => {
    const entity = (id: string) => ({ id, name: id.toUpperCase(), kind: 'INDICATOR' as const, aliases: [] });
    const edge = (id: string, fromId: string, toId: string, polarity: 'POSITIVE' | 'NEGATIVE') => ({
      id,
      fromId,
      toId,
      polarity,
      weight: 0.5,
      confidence: 0.5,
      lagDays: 0,
      mechanism: `${fromId} moves ${toId}.`,
      evidence: [{ sourceId: 's', quote: `quote ${id}` }],
      status: 'ACTIVE' as const,
      revision: 1,
      createdBy: 'x',
      createdAt: 'x',
      history: [],
    });
    const explanation = explainPath(
      [entity('a'), entity('b'), entity('c')],
      [edge('ab', 'a', 'b', 'NEGATIVE'), edge('bc', 'b', 'c', 'POSITIVE')],
      'DOWN',
      new Map([['s', { id: 's', title: 'Source S', language: 'en' }]]),
    );
    expect(explanation.text).toBe('A rises → B falls → C falls');
    expect(explanation.steps[1]).toMatchObject({
      fromMoves: 'DOWN',
      toMoves: 'DOWN',
      sentence: 'B falls → C falls: b moves c. (“quote bc”, Source S)',
    });
  });

  it('draws the entities within N hops either way, and the edges among them', () => {
    expect(neighbourhoodOf(graph, 'b', 1, 100)).toEqual({ entityIds: ['b', 'a', 'c'], edgeIds: ['ab', 'bc'], truncated: false });
    expect(neighbourhoodOf(graph, 'b', 2, 100)).toEqual({ entityIds: ['b', 'a', 'c', 'd'], edgeIds: ['ab', 'bc', 'dc'], truncated: false });
    expect(neighbourhoodOf(graph, 'b', 2, 3)).toEqual({ entityIds: ['b', 'a', 'c'], edgeIds: ['ab', 'bc'], truncated: true });
    expect(() => neighbourhoodOf(graph, 'b', 5, 10)).toThrow(/hops must be an integer from 1 to 4/);
  });

  it('ranks influence and exposure from unit shocks to every entity', () => {
    const scores = Object.fromEntries(
      influenceOf(graph, { maxHops: 3, minStrength: 0.01 }).map((s) => [s.entityId, [s.influence, s.reaches, s.exposure, s.reachedBy]]),
    );
    expect(scores).toEqual({ a: [0.75, 2, 0, 0], b: [0.5, 1, 0.5, 1], c: [0, 0, 0.25 + 0.5 + 0.9, 3], d: [0.9, 1, 0, 0] });
  });
});
