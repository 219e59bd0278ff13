import { InvalidArgumentError } from '../errors';
import { LIMITS, requireInRange } from '../limits/argument-limits';
import type { CausalGraph } from '../propagation/causal-graph';

export interface Neighbourhood {
  /** The centre first, then by distance, then id. */
  readonly entityIds: readonly string[];
  /** Every active causal edge between two of those entities, in id order. */
  readonly edgeIds: readonly string[];
  /** True when `maxEntities` cut the result short of `hops`. */
  readonly truncated: boolean;
}

/** The entities within `hops` causal edges of an entity, either way, and the edges among them: one view to draw. */
export function neighbourhoodOf(graph: CausalGraph, centre: string, hops: number, maxEntities: number): Neighbourhood {
  requireInRange('hops', hops, LIMITS.neighbourhood.hops);
  requireInRange('maxEntities', maxEntities, LIMITS.neighbourhood.maxEntities);
  const start = graph.numberOf(centre);
  if (start < 0) throw new InvalidArgumentError('id', `names no entity (got "${centre}")`);
  const reverse = graph.reverse();
  const seen = new Map<number, number>([[start, 0]]);
  let frontier = [start];
  let truncated = false;
  for (let depth = 1; depth <= hops && frontier.length > 0 && !truncated; depth++) {
    const next = new Set<number>();
    for (const node of frontier) {
      for (let slot = graph.offsets[node]; slot < graph.offsets[node + 1]; slot++) next.add(graph.targets[slot]);
      for (const slot of reverse.incoming(node)) next.add(graph.sources[slot]);
    }
    const fresh = [...next].filter((n) => !seen.has(n)).sort((a, b) => a - b);
    for (const n of fresh) {
      if (seen.size === maxEntities) {
        truncated = true;
        break;
      }
      seen.set(n, depth);
    }
    frontier = fresh.filter((n) => seen.has(n));
  }
  const members = [...seen.keys()].sort((a, b) => seen.get(a)! - seen.get(b)! || a - b);
  const edges: number[] = [];
  for (const node of members) {
    for (let slot = graph.offsets[node]; slot < graph.offsets[node + 1]; slot++)
      if (seen.has(graph.targets[slot])) edges.push(graph.edgeNumbers[slot]);
  }
  return {
    entityIds: members.map((n) => graph.entityIds[n]),
    edgeIds: edges.sort((a, b) => a - b).map((e) => graph.edgeIds[e]),
    truncated,
  };
}
