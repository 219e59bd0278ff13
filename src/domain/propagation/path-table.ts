import type { NumericPath } from './propagation.model';

/**
 * Paths of at most `maxHops` edges stored side by side in typed arrays, one entry per path:
 * entry i's entities are `nodes[i·(maxHops + 1)] ..` (hops + 1 of them) and its edges are
 * out-arena slots `slots[i·maxHops] ..` (hops of them). A walk keeps its current path as
 * entry 0 of a one-entry table, so every comparison and copy speaks of (table, entry) pairs
 * and no path is ever an object until it is reported.
 */
export class PathTable {
  strength: Float64Array;
  hops: Int32Array;
  /** +1 UP, −1 DOWN. */
  sign: Int8Array;
  /** Summed lag in days. */
  lag: Int32Array;
  nodes: Int32Array;
  slots: Int32Array;
  readonly nodeStride: number;

  constructor(
    private capacity: number,
    readonly maxHops: number,
  ) {
    this.nodeStride = maxHops + 1;
    this.strength = new Float64Array(capacity);
    this.hops = new Int32Array(capacity);
    this.sign = new Int8Array(capacity);
    this.lag = new Int32Array(capacity);
    this.nodes = new Int32Array(capacity * this.nodeStride);
    this.slots = new Int32Array(capacity * maxHops);
  }

  /** Copies entry `from` of `source` (a table with the same maxHops) into entry `entry`. */
  copy(entry: number, source: PathTable, from: number): void {
    const hops = source.hops[from];
    this.strength[entry] = source.strength[from];
    this.hops[entry] = hops;
    this.sign[entry] = source.sign[from];
    this.lag[entry] = source.lag[from];
    const nodeAt = from * this.nodeStride;
    const slotAt = from * this.maxHops;
    this.nodes.set(source.nodes.subarray(nodeAt, nodeAt + hops + 1), entry * this.nodeStride);
    this.slots.set(source.slots.subarray(slotAt, slotAt + hops), entry * this.maxHops);
  }

  /** Makes room for at least `entries` entries, keeping the ones stored. */
  ensure(entries: number): void {
    if (entries <= this.capacity) return;
    const c = Math.max(entries, this.capacity * 2);
    this.strength = grown(this.strength, c);
    this.hops = grown(this.hops, c);
    this.sign = grown(this.sign, c);
    this.lag = grown(this.lag, c);
    this.nodes = grown(this.nodes, c * this.nodeStride);
    this.slots = grown(this.slots, c * this.maxHops);
    this.capacity = c;
  }

  /** Entry `entry` as a reported path: entity numbers and edge numbers (`outEdge` maps a slot to its edge). */
  toPath(entry: number, outEdge: Int32Array): NumericPath {
    const hops = this.hops[entry];
    const nodeAt = entry * this.nodeStride;
    const slotAt = entry * this.maxHops;
    return {
      nodes: Array.from(this.nodes.subarray(nodeAt, nodeAt + hops + 1)),
      edges: Array.from(this.slots.subarray(slotAt, slotAt + hops), (slot) => outEdge[slot]),
      strength: this.strength[entry],
      sign: this.sign[entry] > 0 ? 1 : -1,
      lagDays: this.lag[entry],
    };
  }
}

/** Entry 0 of `path` (a walk's current path, whose entities and slots are already in place) given these numbers. */
export function fillPath(path: PathTable, hops: number, strength: number, sign: number, lag: number): PathTable {
  path.hops[0] = hops;
  path.strength[0] = strength;
  path.sign[0] = sign;
  path.lag[0] = lag;
  return path;
}

type TypedArray = Float64Array | Int32Array | Int8Array;

function grown<T extends TypedArray>(array: T, length: number): T {
  const next = new (array.constructor as new (length: number) => T)(length);
  next.set(array);
  return next;
}
