import { InvalidArgumentError } from '../errors';
import { LIMITS, requireInRange } from '../limits/argument-limits';
import type { CausalGraph } from '../propagation/causal-graph';
import { excludedFlags } from '../propagation/index-view';

export interface Neighbourhood {
  /** The centre first, then by distance, then id. */
  readonly entityIds: readonly string[];
  /** Every active causal edge between two of those entities, in id order. */
  readonly edgeIds: readonly string[];
  /** True when `maxEntities` cut the result short of `hops`. */
  readonly truncated: boolean;
}

/**
 * The entities within `hops` causal edges of an entity, either way, and the edges among
 * them: one view to draw. Proposed edges count only when asked for.
 */
export function neighbourhoodOf(
  graph: CausalGraph,
  centre: string,
  hops: number,
  maxEntities: number,
  includeProposed = false,
): Neighbourhood {
  requireInRange('hops', hops, LIMITS.neighbourhood.hops);
  requireInRange('maxEntities', maxEntities, LIMITS.neighbourhood.maxEntities);
  const start = graph.numberOf(centre);
  if (start < 0) throw new InvalidArgumentError('id', `names no entity (got "${centre}")`);
  const { outStart, outEnd, outI32, outEdge, inStart, inEnd, inI32, entityRank, edgeRank } = graph.view;
  const skip = excludedFlags(includeProposed);
  const byRank = (a: number, b: number) => entityRank[a] - entityRank[b];
  const seen = new Map<number, number>([[start, 0]]);
  let frontier = [start];
  let truncated = false;
  for (let depth = 1; depth <= hops && frontier.length > 0 && !truncated; depth++) {
    const next = new Set<number>();
    for (const node of frontier) {
      for (let slot = outStart[node]; slot < outEnd[node]; slot++) if ((outI32[4 * slot + 3] & skip) === 0) next.add(outI32[4 * slot + 2]);
      for (let slot = inStart[node]; slot < inEnd[node]; slot++) if ((inI32[4 * slot + 3] & skip) === 0) next.add(inI32[4 * slot + 2]);
    }
    const fresh = [...next].filter((n) => !seen.has(n)).sort(byRank);
    for (const n of fresh) {
      if (seen.size === maxEntities) {
        truncated = true;
        break;
      }
      seen.set(n, depth);
    }
    frontier = fresh.filter((n) => seen.has(n));
  }
  const members = [...seen.keys()].sort((a, b) => seen.get(a)! - seen.get(b)! || byRank(a, b));
  const edges: number[] = [];
  for (const node of members) {
    for (let slot = outStart[node]; slot < outEnd[node]; slot++) {
      if ((outI32[4 * slot + 3] & skip) === 0 && seen.has(outI32[4 * slot + 2])) edges.push(outEdge[slot]);
    }
  }
  return {
    entityIds: members.map((n) => graph.entityId(n)),
    edgeIds: edges.sort((a, b) => edgeRank[a] - edgeRank[b]).map((e) => graph.edgeId(e)),
    truncated,
  };
}
