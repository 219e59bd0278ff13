import fc from 'fast-check';
import {
  connectingPaths,
  connectingQuery,
  drawing,
  isolatedNodes,
  netDirection,
  pathMoves,
  totalPaths,
  uncovered,
} from '../../../web/explorer/drawing';
import type { CutPath, Impact, TransmissionPath } from '../../../web/explorer/model';
import { connecting, IMPACTS, impact, path, PATHS } from './fixtures';

const SHOCK = [{ id: 'a', name: 'A', direction: 'UP' as const }];

describe('what the explorer draws', () => {
  it('finds the reached entities that the listed paths miss', () => {
    expect(uncovered(IMPACTS, PATHS.slice(0, 2), new Set(['a'])).map((i) => i.entity.id)).toEqual(['d', 'e']);
    expect(uncovered(IMPACTS, PATHS, new Set(['a']))).toEqual([]);
  });

  it('asks for every path at least as strong as the weakest missed entity, up to the total', () => {
    const missing = uncovered(IMPACTS, PATHS.slice(0, 2), new Set(['a']));
    expect(connectingQuery(missing, totalPaths(IMPACTS))).toEqual({ minStrength: 0.3, topPaths: 5 });
    expect(connectingQuery(missing, 5000)).toEqual({ minStrength: 0.3, topPaths: 1000 });
    expect(connectingQuery([], 10)).toBeNull();
    // The API takes minStrength below 1 only.
    expect(connectingQuery([impact('x', 1, 1)], 3)?.minStrength).toBeLessThan(1);
  });

  it('connects each missed entity by its strongest path, and one path serves every entity on it', () => {
    const candidates = [
      path(['a', 'b', 'c', 'd'], ['ab', 'bc', 'cd'], 0.43),
      path(['a', 'c'], ['ac'], 0.4),
      path(['a', 'd'], ['ad'], 0.35),
    ];
    const chosen = connectingPaths(['d', 'c'], candidates);
    // d's strongest path goes through c, so c needs no path of its own.
    expect(chosen).toEqual([candidates[0]]);
    expect(connectingPaths(['z'], candidates)).toEqual([]);
  });

  it('draws the missed entities with their paths, quieter, and leaves none without an edge', () => {
    const listed = PATHS.slice(0, 2);
    const d = drawing({ shocks: SHOCK, impacts: IMPACTS, paths: listed, connecting: [connecting(PATHS[3]), connecting(PATHS[4])] });
    expect(d.nodes.map((n) => [n.id, n.role])).toEqual([
      ['a', 'shock'],
      ['b', 'impact'],
      ['c', 'impact'],
      ['d', 'connected'],
      ['e', 'connected'],
    ]);
    expect(d.edges.map((e) => [e.id, e.role])).toEqual([
      ['ab', 'path'],
      ['bc', 'path'],
      ['cd', 'connecting'],
      ['ae', 'connecting'],
    ]);
    expect(isolatedNodes(d)).toEqual([]);
    expect(d.undrawn).toEqual([]);
  });

  it('leaves out, and reports, a reached entity whose path could not be had', () => {
    const d = drawing({ shocks: SHOCK, impacts: IMPACTS, paths: PATHS.slice(0, 2), connecting: [] });
    expect(d.nodes.map((n) => n.id)).toEqual(['a', 'b', 'c']);
    expect(d.undrawn.map((i) => i.entity.id)).toEqual(['d', 'e']);
    expect(isolatedNodes(d)).toEqual([]);
  });

  it('draws a counterfactual cut path greyed, with the removed entity marked', () => {
    const cut: CutPath = {
      strength: 0.4,
      direction: 'UP',
      entities: [
        { id: 'a', name: 'A' },
        { id: 'x', name: 'X' },
        { id: 'y', name: 'Y' },
      ],
      edges: [
        { id: 'ax', weight: 0.5, polarity: 'POSITIVE' },
        { id: 'xy', weight: 0.8, polarity: 'NEGATIVE' },
      ],
    };
    const d = drawing({ shocks: SHOCK, impacts: IMPACTS, paths: PATHS, connecting: [], cutPaths: [cut], removed: ['x'] });
    expect(d.nodes.filter((n) => n.role === 'removed' || n.role === 'ghost').map((n) => [n.id, n.role, n.depth])).toEqual([
      ['x', 'removed', 1],
      ['y', 'ghost', 2],
    ]);
    expect(d.edges.filter((e) => e.role === 'ghost').map((e) => e.id)).toEqual(['ax', 'xy']);
    expect(isolatedNodes(d)).toEqual([]);
  });

  it('works the moves of a path back from its direction through the polarities', () => {
    expect(pathMoves('UP', ['POSITIVE', 'NEGATIVE'])).toEqual(['DOWN', 'DOWN', 'UP']);
    expect(pathMoves('DOWN', ['NEGATIVE'])).toEqual(['UP', 'DOWN']);
    expect(pathMoves('UP', [])).toEqual(['UP']);
  });

  // Random graphs, every path enumerated: whatever the number of listed paths, the drawing
  // connects every drawn entity, and draws every reached one when the connecting answer is whole.
  it('never draws an entity without an edge, on random graphs and path counts', () => {
    const graphs = fc.record({
      size: fc.integer({ min: 3, max: 8 }),
      edges: fc.array(fc.record({ from: fc.nat(7), to: fc.nat(7), weight: fc.double({ min: 0.1, max: 1, noNaN: true }) }), {
        maxLength: 24,
      }),
      listed: fc.integer({ min: 1, max: 12 }),
      cap: fc.integer({ min: 1, max: 40 }),
    });
    fc.assert(
      fc.property(graphs, ({ size, edges, listed, cap }) => {
        const graph = edges.map((e, i) => ({ ...e, from: e.from % size, to: e.to % size, id: `e${i}` })).filter((e) => e.from !== e.to);
        const all = enumerate(graph, 4, 0.05);
        const impacts = summarise(all);
        const shown = all.slice(0, listed);
        const missing = uncovered(impacts, shown, new Set(['n0']));
        const ask = connectingQuery(missing, totalPaths(impacts), cap);
        const candidates = ask ? all.filter((p) => p.strength >= ask.minStrength).slice(0, ask.topPaths) : [];
        const chosen = connectingPaths(
          missing.map((i) => i.entity.id),
          candidates,
        );
        const d = drawing({ shocks: [{ id: 'n0', name: 'N0', direction: 'UP' }], impacts, paths: shown, connecting: chosen });
        expect(isolatedNodes(d)).toEqual([]);
        if (ask && ask.topPaths >= all.filter((p) => p.strength >= ask.minStrength).length) expect(d.undrawn).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

/** Every simple path from n0 (never back through it), strongest first, as the API orders them. */
function enumerate(edges: { from: number; to: number; weight: number; id: string }[], maxHops: number, min: number): TransmissionPath[] {
  const out: TransmissionPath[] = [];
  const walk = (at: number, nodes: number[], used: string[], strength: number) => {
    if (used.length)
      out.push(
        path(
          nodes.map((n) => `n${n}`),
          [...used],
          strength,
        ),
      );
    if (used.length === maxHops) return;
    for (const e of edges) {
      if (e.from !== at || nodes.includes(e.to) || strength * e.weight < min) continue;
      walk(e.to, [...nodes, e.to], [...used, e.id], strength * e.weight);
    }
  };
  walk(0, [0], [], 1);
  return out.sort((a, b) => b.strength - a.strength || a.edges.length - b.edges.length);
}

function summarise(paths: TransmissionPath[]): Impact[] {
  const byEnd = new Map<string, Impact>();
  for (const p of paths) {
    const end = p.entities[p.entities.length - 1].id;
    const known = byEnd.get(end);
    if (known) known.pathCount++;
    else byEnd.set(end, impact(end, p.strength, p.edges.length));
  }
  return [...byEnd.values()];
}

describe('colouring by net effect', () => {
  it('colours an entity by the sign of its net effect, keeping the strongest path’s direction beside it', () => {
    const split = { ...impact('b', 0.9, 1, 3, 'DOWN'), netEffect: 0.4, agreement: 0.3, mixed: true };
    const d = drawing({
      shocks: [{ id: 'a', name: 'A', direction: 'UP' }],
      impacts: [split],
      paths: [path(['a', 'b'], ['ab'], 0.9, 'DOWN')],
      connecting: [],
    });
    expect(d.nodes.find((n) => n.id === 'b')).toMatchObject({ direction: 'UP', strongest: 'DOWN', netEffect: 0.4, agreement: 0.3 });
    expect(netDirection({ netEffect: -0.1, direction: 'UP' })).toBe('DOWN');
    expect(netDirection({ netEffect: 0, direction: 'DOWN' })).toBe('DOWN');
  });
});
