import { CausalGraph } from '../../../src/domain/propagation/causal-graph';
import { CausalIndex, type CausalLink } from '../../../src/domain/propagation/causal-index';
import { fromTransferable, toTransferable } from '../../../src/domain/propagation/index-view';
import { propagate } from '../../../src/domain/propagation/propagate';
import type { PropagationQuery } from '../../../src/domain/propagation/propagation.model';
import { bruteForcePropagate } from '../../support/brute-force-propagate';
import { prng, randomGraph } from '../../support/random-graph';

const query = (entityId: string, maxHops = 4): PropagationQuery => ({
  shocks: [{ entityId, direction: 'UP', magnitude: 1 }],
  maxHops,
  minStrength: 0,
  topPaths: 50,
});

/** Every walk from every entity, on the incremental version and on one built at once from the same edges. */
function expectSameAnswers(incremental: CausalGraph, entityIds: readonly string[], links: readonly CausalLink[]): void {
  const fresh = CausalGraph.of(entityIds, links);
  expect(incremental.edgeCount).toBe(links.length);
  for (const id of entityIds)
    expect({ id, answer: propagate(incremental, query(id)) }).toEqual({ id, answer: propagate(fresh, query(id)) });
}

describe('the causal index, kept current write by write', () => {
  it('answers after every write exactly as an index built at once from the same edges, on random graphs with cycles', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const rand = prng(seed);
      const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
      const { entityIds, edges } = randomGraph(seed, 9, 24);
      const entities = entityIds.slice(0, 7);
      const within = (e: CausalLink) => entities.includes(e.fromId) && entities.includes(e.toId);
      const links = new Map<string, CausalLink>(
        edges
          .filter(within)
          .slice(0, 12)
          .map((e) => [e.id, e]),
      );
      const index = CausalIndex.build(entities, links.values());
      for (let step = 0; step < 25; step++) {
        const roll = rand();
        if (roll < 0.1 && entities.length < entityIds.length) {
          const id = entityIds[entities.length];
          entities.push(id);
          index.apply({ entities: [id] });
        } else if (roll < 0.45) {
          const candidates = edges.filter((e) => !links.has(e.id) && within(e));
          if (candidates.length === 0) continue;
          const edge = pick(candidates);
          links.set(edge.id, edge);
          index.apply({ upsert: [edge] });
        } else if (roll < 0.75 && links.size > 0) {
          const edge = pick([...links.values()]);
          // A change of weight, polarity or endpoints, as a researcher's update may make.
          const changed: CausalLink = {
            ...edge,
            weight: pick([1, 0.5, 0.25, 0.9]),
            polarity: rand() < 0.5 ? 'POSITIVE' : 'NEGATIVE',
            toId: rand() < 0.3 ? pick(entities.filter((e) => e !== edge.fromId)) : edge.toId,
          };
          links.set(edge.id, changed);
          index.apply({ upsert: [changed] });
        } else if (links.size > 0) {
          const edge = pick([...links.values()]);
          links.delete(edge.id);
          index.apply({ remove: [edge.id] });
        }
        expectSameAnswers(index.graph, entities, [...links.values()]);
      }
    }
  });

  it('leaves an earlier version as it was: a walk on it answers the same after later writes', () => {
    const { entityIds, edges } = randomGraph(7, 10, 40);
    const index = CausalIndex.build(entityIds, edges.slice(0, 20));
    const before = index.graph;
    const answer = propagate(before, query(entityIds[0], 5));
    for (const edge of edges.slice(20)) index.apply({ upsert: [edge] });
    index.apply({ remove: edges.slice(0, 10).map((e) => e.id) });
    expect(propagate(before, query(entityIds[0], 5))).toEqual(answer);
    expect(before.edgeCount).toBe(20);
    expect(index.graph.edgeCount).toBe(30);
  });

  it('gives a new id a place in id order, so tie-breaks follow ids whatever order they were written in', () => {
    // Three parallel equal paths a → b, written in the reverse of id order.
    const index = CausalIndex.build(['a', 'b'], []);
    for (const id of ['e3', 'e1', 'e2']) index.apply({ upsert: [{ id, fromId: 'a', toId: 'b', polarity: 'POSITIVE', weight: 0.5 }] });
    const { paths } = propagate(index.graph, query('a', 1));
    expect(paths.map((p) => p.edgeIds[0])).toEqual(['e1', 'e2', 'e3']);
    // And new entities take their place among the others: c is entered between a and d.
    index.apply({ entities: ['d', 'c'] });
    index.apply({
      upsert: [
        { id: 'x1', fromId: 'a', toId: 'd', polarity: 'POSITIVE', weight: 0.5 },
        { id: 'x2', fromId: 'a', toId: 'c', polarity: 'POSITIVE', weight: 0.5 },
      ],
    });
    expect(propagate(index.graph, query('a', 1)).impacts.map((i) => i.entityId)).toEqual(['b', 'c', 'd']);
  });

  it('keeps its answers when ranks run out of room between two ids and are given anew', () => {
    const index = CausalIndex.build(['a', 'b'], [{ id: 'm', fromId: 'a', toId: 'b', polarity: 'POSITIVE', weight: 0.5 }]);
    const links: CausalLink[] = [{ id: 'm', fromId: 'a', toId: 'b', polarity: 'POSITIVE', weight: 0.5 }];
    // Each id sorts just before the previous one: 70 halvings of the same gap.
    for (let i = 0; i < 70; i++) {
      const id = `l${'z'.repeat(70 - i)}`;
      const link: CausalLink = { id, fromId: 'a', toId: 'b', polarity: 'POSITIVE', weight: 0.5 };
      links.push(link);
      index.apply({ upsert: [link] });
    }
    expect(propagate(index.graph, query('a', 1))).toEqual(propagate(CausalGraph.of(['a', 'b'], links), query('a', 1)));
  });

  it('skips proposed edges unless a query asks for them', () => {
    const graph = CausalGraph.of(
      ['a', 'b', 'c'],
      [
        { id: 'ab', fromId: 'a', toId: 'b', polarity: 'POSITIVE', weight: 0.5 },
        { id: 'bc', fromId: 'b', toId: 'c', polarity: 'NEGATIVE', weight: 0.5, proposed: true },
      ],
    );
    expect(propagate(graph, query('a')).impacts.map((i) => i.entityId)).toEqual(['b']);
    expect(propagate(graph, { ...query('a'), includeProposed: true }).impacts.map((i) => i.entityId)).toEqual(['b', 'c']);
    expect(graph.isProposed(graph.edgeNumberOf('bc'))).toBe(true);
  });

  it('stays compact: long runs of writes do not grow the arenas without bound, and answers stay right', () => {
    const { entityIds, edges } = randomGraph(11, 12, 30);
    const index = CausalIndex.build(entityIds, edges);
    const rand = prng(3);
    const current = new Map(edges.map((e) => [e.id, e]));
    for (let i = 0; i < 3_000; i++) {
      const edge = edges[Math.floor(rand() * edges.length)];
      const next = { ...edge, weight: [0.5, 0.25, 1][i % 3] };
      current.set(edge.id, next);
      index.apply({ upsert: [next] });
    }
    expect(index.graph.view.outEdge.length).toBeLessThan(20_000);
    expectSameAnswers(index.graph, entityIds, [...current.values()]);
  });

  it('matches the brute-force reference after writes', () => {
    const { entityIds, edges } = randomGraph(5, 8, 30);
    const index = CausalIndex.build(entityIds, edges.slice(0, 15));
    for (const edge of edges.slice(15)) index.apply({ upsert: [edge] });
    const q = { ...query(entityIds[2], 4), topPaths: 1000 };
    const answer = propagate(index.graph, q);
    const reference = bruteForcePropagate(edges, q);
    expect(answer.paths.map((p) => p.edgeIds)).toEqual(reference.paths.slice(0, 1000).map((p) => p.edgeIds));
  });

  it('travels to another thread as buffers: the rebuilt view reads the same memory', () => {
    const { entityIds, edges } = randomGraph(2, 6, 12);
    const graph = CausalGraph.of(entityIds, edges);
    const copy = fromTransferable(structuredClone(toTransferable(graph.view)));
    expect(Object.prototype.toString.call(copy.outF64.buffer)).toBe('[object SharedArrayBuffer]');
    graph.view.outF64[0] = 0.123;
    expect(copy.outF64[0]).toBe(0.123);
  });
});
