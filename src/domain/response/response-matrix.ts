import type { Deadline } from '../errors';
import { excludedFlags, LAG_SHIFT, NEGATIVE_FLAG, type IndexView } from '../propagation/index-view';
import type { NumericResponseQuery } from './response.model';

/**
 * DOMAIN.md's W for one response, in compressed sparse rows: entry k of row r is one active
 * edge into the row's entity, with its signed weight, its source, its lag, and what a
 * Monte-Carlo draw needs (its edge's confidence and number).
 *
 * Only entities the shocks can reach take part: any other level stays exactly 0 for ever
 * (tanh(0) = 0), so leaving them out changes nothing and saves their sweeps. Entities get
 * local numbers: the shocks first (0 .. shockCount − 1, held at ±magnitude), then the
 * reached ones, those with most effects first, whose rows follow in that order. Within a
 * row, entries keep the index's edge-id order, so every sum is taken in the same order on
 * every backend.
 */
export interface ResponseMatrix {
  /** Entities taking part: shocks, then rows. */
  readonly size: number;
  readonly shockCount: number;
  /** Local number → entity number. */
  readonly entity: Int32Array;
  /** The shocks' held levels: ±magnitude. */
  readonly shockLevel: Float64Array;
  /** Row r (local entity shockCount + r) holds entries rowStart[r] .. rowStart[r + 1] − 1. */
  readonly rowStart: Int32Array;
  /** Local number of the entry's source. */
  readonly source: Int32Array;
  /** +weight for POSITIVE, −weight for NEGATIVE. */
  readonly weight: Float64Array;
  readonly lag: Int32Array;
  readonly confidence: Float32Array;
  /** The entry's edge number. */
  readonly edge: Int32Array;
}

/** Rows visited between two looks at the clock while building. */
const ROWS_PER_CHECK = 1 << 14;

export function buildResponseMatrix(view: IndexView, query: NumericResponseQuery, deadline: Deadline): ResponseMatrix {
  const { outStart, outEnd, outI32, outEdge, inStart, inEnd, inF64, inI32, inEdge, edgeSlot, outConfidence } = view;
  const skip = excludedFlags(query.includeProposed);
  const n = view.entityCount;
  // Per entity: 1 = never takes part (disabled), 2 = shocked (held, no row).
  const role = new Uint8Array(n);
  for (const node of query.disabledEntities) role[node] = 1;
  for (const s of query.shocks) role[s.node] = 2;
  const disabledEdge = new Uint8Array(query.disabledEdges.length > 0 ? view.edgeNumberCount : 0);
  for (const e of query.disabledEdges) disabledEdge[e] = 1;
  const edgeOff = (e: number) => disabledEdge.length > 0 && disabledEdge[e] === 1;

  // Breadth first from the shocks along active edges: who can move at all.
  const local = new Int32Array(n).fill(-1);
  let entity = new Int32Array(Math.max(16, query.shocks.length));
  let size = 0;
  const add = (node: number) => {
    if (size === entity.length) {
      const next = new Int32Array(size * 2);
      next.set(entity);
      entity = next;
    }
    local[node] = size;
    entity[size++] = node;
  };
  for (const s of query.shocks) add(s.node);
  for (let k = 0; k < size; k++) {
    if ((k & (ROWS_PER_CHECK - 1)) === ROWS_PER_CHECK - 1) deadline.check();
    const node = entity[k];
    for (let slot = outStart[node]; slot < outEnd[node]; slot++) {
      const to = outI32[4 * slot + 2];
      if (local[to] >= 0 || role[to] !== 0 || (outI32[4 * slot + 3] & skip) !== 0 || edgeOff(outEdge[slot])) continue;
      add(to);
    }
  }
  const shockCount = query.shocks.length;
  // The sweeps read every entry's source level at random; most entries come from a few
  // entities with many effects. Numbering those first keeps the levels read most often
  // together in the cache. Ties go by id, so the numbering is the same on every backend
  // (and the answer does not depend on it: rows are independent, and each row keeps its order).
  const reached = entity.subarray(shockCount, size);
  const fanOut = new Float64Array(n);
  for (const node of reached) fanOut[node] = outEnd[node] - outStart[node];
  const rank = view.entityRank;
  reached.sort((a, b) => fanOut[b] - fanOut[a] || rank[a] - rank[b]);
  for (let i = 0; i < reached.length; i++) local[reached[i]] = shockCount + i;
  const shockLevel = Float64Array.from(query.shocks, (s) => s.sign * s.magnitude);

  // Rows: every active in-edge of a reached entity whose source takes part.
  const rows = size - shockCount;
  const rowStart = new Int32Array(rows + 1);
  let entries = 0;
  for (let r = 0; r < rows; r++) {
    const node = entity[shockCount + r];
    for (let slot = inStart[node]; slot < inEnd[node]; slot++) {
      if (local[inI32[4 * slot + 2]] >= 0 && (inI32[4 * slot + 3] & skip) === 0 && !edgeOff(inEdge[slot])) entries++;
    }
    rowStart[r + 1] = entries;
  }
  const source = new Int32Array(entries);
  const weight = new Float64Array(entries);
  const lag = new Int32Array(entries);
  const confidence = new Float32Array(entries);
  const edge = new Int32Array(entries);
  let k = 0;
  for (let r = 0; r < rows; r++) {
    if ((r & (ROWS_PER_CHECK - 1)) === ROWS_PER_CHECK - 1) deadline.check();
    const node = entity[shockCount + r];
    for (let slot = inStart[node]; slot < inEnd[node]; slot++) {
      const from = local[inI32[4 * slot + 2]];
      const flags = inI32[4 * slot + 3];
      const e = inEdge[slot];
      if (from < 0 || (flags & skip) !== 0 || edgeOff(e)) continue;
      source[k] = from;
      weight[k] = (flags & NEGATIVE_FLAG) !== 0 ? -inF64[2 * slot] : inF64[2 * slot];
      lag[k] = flags >> LAG_SHIFT;
      confidence[k] = outConfidence[edgeSlot[e]];
      edge[k] = e;
      k++;
    }
  }
  return { size, shockCount, entity: entity.subarray(0, size), shockLevel, rowStart, source, weight, lag, confidence, edge };
}

/** The entries in the order of their edges' ids: the order in which a Monte-Carlo draw is made. */
export function entriesInEdgeIdOrder(matrix: ResponseMatrix, edgeRank: Float64Array): Int32Array {
  const { edge } = matrix;
  return Int32Array.from({ length: edge.length }, (_, i) => i).sort((a, b) => edgeRank[edge[a]] - edgeRank[edge[b]]);
}
