import { CausalIndex, type CausalLink } from './causal-index';
import { entitiesInIdOrder, LAG_SHIFT, NEGATIVE_FLAG, PROPOSED_FLAG, type IndexView } from './index-view';

export { compareIds, type CausalLink } from './causal-index';

/** Number ↔ id tables, shared by every version of one index (they only ever grow). */
export interface IdTables {
  readonly entityIds: string[];
  readonly entityNumbers: Map<string, number>;
  readonly edgeIds: string[];
  readonly edgeNumbers: Map<string, number>;
}

/**
 * One immutable version of the causal index: the numeric view analyses walk (see
 * IndexView), and the ids behind its numbers. Built by a CausalIndex, which makes a new
 * version for every write; a version handed to a request stays valid for as long as the
 * request holds it.
 */
export class CausalGraph {
  private widest: number | undefined;

  constructor(
    readonly view: IndexView,
    private readonly ids: IdTables,
  ) {}

  /** The most edges one entity has, outgoing or incoming, proposals included (found once per version). */
  get largestDegree(): number {
    if (this.widest === undefined) {
      const { view } = this;
      let widest = 0;
      for (let n = 0; n < view.entityCount; n++) {
        widest = Math.max(widest, view.outEnd[n] - view.outStart[n], view.inEnd[n] - view.inStart[n]);
      }
      this.widest = widest;
    }
    return this.widest;
  }

  /** A graph of these entities and edges, built at once (tests, benchmarks, one-off analyses). */
  static of(entityIds: Iterable<string>, links: Iterable<CausalLink>): CausalGraph {
    return CausalIndex.build(entityIds, links).graph;
  }

  get entityCount(): number {
    return this.view.entityCount;
  }

  /** Edges in this version, proposals included. */
  get edgeCount(): number {
    return this.view.edgeCount;
  }

  entityId(n: number): string {
    return this.ids.entityIds[n];
  }

  edgeId(e: number): string {
    return this.ids.edgeIds[e];
  }

  /** The entity's number, or -1 when this version has no such entity. */
  numberOf(entityId: string): number {
    const n = this.ids.entityNumbers.get(entityId);
    return n !== undefined && n < this.view.entityCount ? n : -1;
  }

  /** The edge's number, or -1 when this version does not hold it (unknown, retracted or rejected). */
  edgeNumberOf(edgeId: string): number {
    const e = this.ids.edgeNumbers.get(edgeId);
    return e !== undefined && e < this.view.edgeNumberCount && this.view.edgeSlot[e] >= 0 ? e : -1;
  }

  /** Whether the edge is a proposal awaiting review (false for edges not in this version). */
  isProposed(edgeNumber: number): boolean {
    const slot = this.view.edgeSlot[edgeNumber];
    return slot >= 0 && (this.view.outI32[4 * slot + 3] & PROPOSED_FLAG) !== 0;
  }

  /** The edges of this version as links, in id order (built on demand; for checks and exports, not walks). */
  links(): CausalLink[] {
    const { view } = this;
    const links: CausalLink[] = [];
    for (let e = 0; e < view.edgeNumberCount; e++) {
      const slot = view.edgeSlot[e];
      if (slot < 0) continue;
      const flags = view.outI32[4 * slot + 3];
      links.push({
        id: this.ids.edgeIds[e],
        fromId: this.ids.entityIds[view.inI32[4 * this.inSlotOf(e, view.outI32[4 * slot + 2]) + 2]],
        toId: this.ids.entityIds[view.outI32[4 * slot + 2]],
        polarity: (flags & NEGATIVE_FLAG) !== 0 ? 'NEGATIVE' : 'POSITIVE',
        weight: view.outF64[2 * slot],
        lagDays: flags >> LAG_SHIFT,
        confidence: view.outConfidence[slot],
        proposed: (flags & PROPOSED_FLAG) !== 0,
      });
    }
    return links.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Entity numbers in id order. */
  entitiesInIdOrder(): Int32Array {
    return entitiesInIdOrder(this.view);
  }

  /** The in-arena slot of edge `e`, found in the block of the entity it ends at. */
  private inSlotOf(e: number, to: number): number {
    const { view } = this;
    for (let slot = view.inStart[to]; slot < view.inEnd[to]; slot++) if (view.inEdge[slot] === e) return slot;
    throw new Error(`edge ${this.ids.edgeIds[e]} is missing from the in-arena`);
  }
}
