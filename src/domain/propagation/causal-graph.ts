import type { Polarity } from '../model/graph.model';

/** The part of a causal edge that propagation needs. */
export interface CausalLink {
  readonly id: string;
  readonly fromId: string;
  readonly toId: string;
  readonly polarity: Polarity;
  readonly weight: number;
  /** Typical delay in days; 0 when unknown. */
  readonly lagDays?: number;
}

/**
 * A compact, immutable adjacency index (CSR) of the causal graph, built once per graph
 * version and shared by every propagation over that version.
 *
 * Entities and edges are numbered by their ids in ascending order, so comparing two
 * sequences of ids lexicographically — the tie-break DOMAIN.md prescribes — is comparing
 * small integers. The outgoing edges of entity `i` occupy slots `offsets[i]..offsets[i+1]`
 * of the parallel typed arrays; propagation walks them without allocating.
 */
export class CausalGraph {
  /** Entity ids in ascending order; an entity's number is its position here. */
  readonly entityIds: readonly string[];
  /** Edge ids in ascending order; an edge's number is its position here. */
  readonly edgeIds: readonly string[];
  readonly offsets: Int32Array;
  /** Per slot: the target entity's number. */
  readonly targets: Int32Array;
  /** Per slot: the edge weight. */
  readonly weights: Float64Array;
  /** Per slot: 1 when the edge is NEGATIVE. */
  readonly negative: Uint8Array;
  /** Per slot: the edge's number. */
  readonly edgeNumbers: Int32Array;
  /** Per slot: the edge's lag in days. */
  readonly lags: Int32Array;
  /** Per slot: the edge's source entity (the inverse of offsets, for walking edges backwards). */
  readonly sources: Int32Array;
  /**
   * What the propagation walk reads per slot, packed into one 16-byte record so that an
   * entity's edges share cache lines: the weight (Float64 at 2·slot), the target (Int32 at
   * 4·slot + 2) and the lag and polarity (Int32 at 4·slot + 3: lag·2 + 1 if NEGATIVE).
   * Both arrays view the same memory.
   */
  readonly walkWeights: Float64Array;
  readonly walkInts: Int32Array;
  private readonly entityNumbers: ReadonlyMap<string, number>;

  constructor(entityIds: Iterable<string>, links: Iterable<CausalLink>) {
    const ids = [...new Set(entityIds)].sort(compareIds);
    const numbers = new Map<string, number>();
    ids.forEach((id, i) => numbers.set(id, i));

    const sorted = [...links];
    // Callers usually pass edges already in id order (the stores keep them so): check first.
    if (!isSortedById(sorted)) sorted.sort((a, b) => compareIds(a.id, b.id));
    const n = ids.length;
    const m = sorted.length;
    const offsets = new Int32Array(n + 1);
    const from = new Int32Array(m);
    for (let e = 0; e < m; e++) {
      const link = sorted[e];
      if (e > 0 && sorted[e - 1].id === link.id) throw new Error(`duplicate causal edge id ${link.id}`);
      const f = numbers.get(link.fromId);
      const t = numbers.get(link.toId);
      if (f === undefined || t === undefined) {
        throw new Error(`causal edge ${link.id} joins an unknown entity`);
      }
      from[e] = f;
      offsets[f + 1]++;
    }
    for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];

    const targets = new Int32Array(m);
    const weights = new Float64Array(m);
    const negative = new Uint8Array(m);
    const edgeNumbers = new Int32Array(m);
    const lags = new Int32Array(m);
    const sources = new Int32Array(m);
    const packed = new ArrayBuffer(16 * m);
    const walkWeights = new Float64Array(packed);
    const walkInts = new Int32Array(packed);
    const fill = offsets.slice(0, n);
    for (let e = 0; e < m; e++) {
      const link = sorted[e];
      const slot = fill[from[e]]++;
      targets[slot] = numbers.get(link.toId)!;
      weights[slot] = link.weight;
      negative[slot] = link.polarity === 'NEGATIVE' ? 1 : 0;
      edgeNumbers[slot] = e;
      lags[slot] = link.lagDays ?? 0;
      sources[slot] = from[e];
      walkWeights[2 * slot] = link.weight;
      walkInts[4 * slot + 2] = targets[slot];
      walkInts[4 * slot + 3] = lags[slot] * 2 + negative[slot];
    }

    this.entityIds = ids;
    this.edgeIds = sorted.map((l) => l.id);
    this.entityNumbers = numbers;
    this.offsets = offsets;
    this.targets = targets;
    this.weights = weights;
    this.negative = negative;
    this.edgeNumbers = edgeNumbers;
    this.lags = lags;
    this.sources = sources;
    this.walkWeights = walkWeights;
    this.walkInts = walkInts;
    this.slotOfEdge = new Int32Array(m);
    for (let slot = 0; slot < m; slot++) this.slotOfEdge[edgeNumbers[slot]] = slot;
  }

  /** Edge number → its slot. */
  readonly slotOfEdge: Int32Array;

  /** The edge's number, or -1 when the graph has no such (active) edge. */
  edgeNumberOf(edgeId: string): number {
    return indexOfId(this.edgeIds, edgeId);
  }

  /** The indexed edges as links, in id order (built on demand). */
  *links(): IterableIterator<CausalLink> {
    for (let e = 0; e < this.edgeCount; e++) {
      const slot = this.slotOfEdge[e];
      yield {
        id: this.edgeIds[e],
        fromId: this.entityIds[this.sources[slot]],
        toId: this.entityIds[this.targets[slot]],
        polarity: this.negative[slot] === 1 ? 'NEGATIVE' : 'POSITIVE',
        weight: this.weights[slot],
        lagDays: this.lags[slot],
      };
    }
  }

  get entityCount(): number {
    return this.entityIds.length;
  }

  get edgeCount(): number {
    return this.edgeIds.length;
  }

  private reversed: { inOffsets: Int32Array; inSlots: Int32Array } | undefined;

  /** Incoming edges per entity (built on first use): the slots of the edges that end at it. */
  reverse(): { incoming(node: number): Int32Array } {
    if (!this.reversed) {
      const n = this.entityCount;
      const inOffsets = new Int32Array(n + 1);
      for (let slot = 0; slot < this.targets.length; slot++) inOffsets[this.targets[slot] + 1]++;
      for (let i = 0; i < n; i++) inOffsets[i + 1] += inOffsets[i];
      const fill = inOffsets.slice(0, n);
      const inSlots = new Int32Array(this.targets.length);
      for (let slot = 0; slot < this.targets.length; slot++) inSlots[fill[this.targets[slot]]++] = slot;
      this.reversed = { inOffsets, inSlots };
    }
    const { inOffsets, inSlots } = this.reversed;
    return { incoming: (node) => inSlots.subarray(inOffsets[node], inOffsets[node + 1]) };
  }

  /** The entity's number, or -1 when the graph has no such entity. */
  numberOf(entityId: string): number {
    return this.entityNumbers.get(entityId) ?? -1;
  }
}

function isSortedById(links: readonly CausalLink[]): boolean {
  for (let i = 1; i < links.length; i++) if (links[i - 1].id > links[i].id) return false;
  return true;
}

/** The position of `id` in ids sorted by compareIds, or -1: a binary search. */
export function indexOfId(sortedIds: readonly string[], id: string): number {
  let lo = 0;
  let hi = sortedIds.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = sortedIds[mid];
    if (at === id) return mid;
    if (at < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Id order everywhere: by UTF-16 code units, the same on every backend (not locale-aware). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
