import type { IndexView } from './index-view';
import type { PathTable } from './path-table';

/**
 * Path order (DOMAIN.md): strength descending, then fewer hops, then the entity ids
 * lexicographically, then the edge ids. Ids are compared through their ranks (numbers whose
 * order is the ids' order), so the order is the same on every backend whatever the entities'
 * and edges' numbers. Paths are named by (table, entry); their edges are out-arena slots,
 * which `outEdge` maps to edge numbers.
 */
export class PathOrder {
  readonly entityRank: Float64Array;
  private readonly edgeRank: Float64Array;
  private readonly outEdge: Int32Array;

  constructor(view: IndexView) {
    this.entityRank = view.entityRank;
    this.edgeRank = view.edgeRank;
    this.outEdge = view.outEdge;
  }

  /** Negative when path (a, i) comes before path (b, j), positive when after, 0 when they are the same path. */
  compare(a: PathTable, i: number, b: PathTable, j: number): number {
    const aStrength = a.strength[i];
    const bStrength = b.strength[j];
    if (aStrength !== bStrength) return aStrength > bStrength ? -1 : 1;
    const hops = a.hops[i];
    if (hops !== b.hops[j]) return hops - b.hops[j];
    const { entityRank, edgeRank, outEdge } = this;
    const aNodes = a.nodes;
    const bNodes = b.nodes;
    const aNodeAt = i * a.nodeStride;
    const bNodeAt = j * b.nodeStride;
    for (let k = 0; k <= hops; k++) {
      const d = entityRank[aNodes[aNodeAt + k]] - entityRank[bNodes[bNodeAt + k]];
      if (d !== 0) return d;
    }
    const aSlots = a.slots;
    const bSlots = b.slots;
    const aSlotAt = i * a.maxHops;
    const bSlotAt = j * b.maxHops;
    for (let k = 0; k < hops; k++) {
      const d = edgeRank[outEdge[aSlots[aSlotAt + k]]] - edgeRank[outEdge[bSlots[bSlotAt + k]]];
      if (d !== 0) return d;
    }
    return 0;
  }
}
