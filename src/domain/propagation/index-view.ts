/**
 * The numeric part of one version of the causal index: typed arrays only, over
 * SharedArrayBuffers, so worker threads read the very memory the main thread built (a
 * task carries handles, never a copy). Everything an analysis walks is here; ids, names
 * and records stay with the caller, who speaks in entity and edge numbers.
 *
 * Entities and edges have stable numbers (given in order of first appearance). An entity's
 * outgoing edges are the records `outStart[n] .. outEnd[n]` of the out-arena, its incoming
 * edges `inStart[n] .. inEnd[n]` of the in-arena. A record is 16 bytes, so four share a
 * cache line: the weight (Float64 at 2·slot), the other end (Int32 at 4·slot + 2) and the
 * flags (Int32 at 4·slot + 3: lag · 4 + 2 if PROPOSED + 1 if NEGATIVE). Parallel arrays give
 * each slot's edge number and confidence. Arenas are append-only: a write copies the few
 * blocks it changes to the end, and a version that is still being walked keeps reading the
 * old ones, which no later version touches.
 *
 * Id order, which DOMAIN.md's tie-breaks use, is given by `entityRank` and `edgeRank`:
 * numbers whose order is the ids' order (with gaps, so a new id slots in without
 * renumbering the others).
 */
export interface IndexView {
  /** Entities numbered 0 .. entityCount - 1 exist in this version. */
  readonly entityCount: number;
  /** Edge numbers run below this; an edge not in this version has edgeSlot -1. */
  readonly edgeNumberCount: number;
  /** Edges in this version (active and proposed). */
  readonly edgeCount: number;

  readonly outStart: Int32Array;
  readonly outEnd: Int32Array;
  readonly outF64: Float64Array;
  readonly outI32: Int32Array;
  readonly outEdge: Int32Array;
  readonly outConfidence: Float32Array;

  readonly inStart: Int32Array;
  readonly inEnd: Int32Array;
  readonly inF64: Float64Array;
  readonly inI32: Int32Array;
  readonly inEdge: Int32Array;

  /** Edge number → its slot in the out-arena, or -1 when the edge is not in this version. */
  readonly edgeSlot: Int32Array;
  readonly entityRank: Float64Array;
  readonly edgeRank: Float64Array;
}

/** Flag bits of a record (Int32 at 4·slot + 3). */
export const NEGATIVE_FLAG = 1;
export const PROPOSED_FLAG = 2;
/** flags >> LAG_SHIFT is the lag in days. */
export const LAG_SHIFT = 2;

/** The mask of flags that exclude a record from a walk: proposed edges unless they are asked for. */
export function excludedFlags(includeProposed: boolean): number {
  return includeProposed ? 0 : PROPOSED_FLAG;
}

/** What a worker needs to rebuild the view: the arrays' buffers and the counts. */
export interface TransferableView {
  readonly counts: readonly [entityCount: number, edgeNumberCount: number, edgeCount: number];
  readonly arrays: Record<ArrayName, SharedArrayBuffer | ArrayBuffer>;
  readonly lengths: Record<ArrayName, number>;
}

const ARRAY_TYPES = {
  outStart: Int32Array,
  outEnd: Int32Array,
  outF64: Float64Array,
  outI32: Int32Array,
  outEdge: Int32Array,
  outConfidence: Float32Array,
  inStart: Int32Array,
  inEnd: Int32Array,
  inF64: Float64Array,
  inI32: Int32Array,
  inEdge: Int32Array,
  edgeSlot: Int32Array,
  entityRank: Float64Array,
  edgeRank: Float64Array,
} as const;
type ArrayName = keyof typeof ARRAY_TYPES;
const ARRAY_NAMES = Object.keys(ARRAY_TYPES) as ArrayName[];

export function toTransferable(view: IndexView): TransferableView {
  const arrays = {} as Record<ArrayName, SharedArrayBuffer | ArrayBuffer>;
  const lengths = {} as Record<ArrayName, number>;
  for (const name of ARRAY_NAMES) {
    arrays[name] = view[name].buffer;
    lengths[name] = view[name].length;
  }
  return { counts: [view.entityCount, view.edgeNumberCount, view.edgeCount], arrays, lengths };
}

export function fromTransferable(data: TransferableView): IndexView {
  const view: Record<string, unknown> = { entityCount: data.counts[0], edgeNumberCount: data.counts[1], edgeCount: data.counts[2] };
  for (const name of ARRAY_NAMES) view[name] = new ARRAY_TYPES[name](data.arrays[name] as ArrayBuffer, 0, data.lengths[name]);
  return view as unknown as IndexView;
}

/** Entity numbers in id order. */
export function entitiesInIdOrder(view: IndexView): Int32Array {
  const order = Int32Array.from({ length: view.entityCount }, (_, i) => i);
  const rank = view.entityRank;
  return order.sort((a, b) => rank[a] - rank[b]);
}
