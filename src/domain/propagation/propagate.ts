import type { Direction } from '../model/graph.model';
import type { CausalGraph } from './causal-graph';
import type { Impact, Propagation, PropagationQuery, TransmissionPath } from './propagation.model';
import { validatePropagationQuery } from './validate-propagation-query';

/**
 * Propagates shocks through the causal graph as DOMAIN.md defines it.
 *
 * A depth-first walk over simple paths from each shocked entity. A branch is cut the
 * moment its strength falls below `minStrength`: weights are at most 1, so a product that
 * is already too small can only shrink (IEEE multiplication by w ≤ 1 never rounds up past
 * the multiplicand). Every surviving path updates its end entity's impact; the top K
 * paths are kept in a bounded heap whose worst entry rejects most candidates with a
 * single comparison. The walk allocates nothing per edge.
 */
export function propagate(graph: CausalGraph, query: PropagationQuery): Propagation {
  validatePropagationQuery(graph, query);
  return new Walk(graph, query).run();
}

const UP = 1;
const DOWN = -1;
const ON_PATH = 1;
const BLOCKED = 2;

class Walk {
  private readonly maxHops: number;
  private readonly minStrength: number;
  /** The latest a path may arrive, in days; Infinity without a horizon. */
  private readonly horizon: number;
  /** Per entity: 2 when no path may enter it (shocked or disabled), 1 while it is on the current path. */
  private readonly closed: Uint8Array;
  /** Per slot: 1 when the edge is disabled (a counterfactual). */
  private readonly disabledSlots: Uint8Array;

  // The current path, by depth.
  private readonly pathNodes: Int32Array;
  private readonly pathEdges: Int32Array;
  private readonly pathStrength: Float64Array;
  private readonly pathSign: Int8Array;
  private readonly pathLag: Int32Array;

  private readonly top: TopPaths;
  private readonly reached: ReachedEntities;
  private examined = 0;

  constructor(
    private readonly graph: CausalGraph,
    private readonly query: PropagationQuery,
  ) {
    const n = graph.entityCount;
    this.maxHops = query.maxHops;
    this.minStrength = query.minStrength;
    this.horizon = query.horizonDays ?? Infinity;
    this.closed = new Uint8Array(n);
    for (const id of query.disable?.entities ?? []) this.closed[graph.numberOf(id)] = BLOCKED;
    this.disabledSlots = new Uint8Array(graph.edgeCount);
    for (const id of query.disable?.edges ?? []) this.disabledSlots[graph.slotOfEdge[graph.edgeNumberOf(id)]] = 1;
    this.pathNodes = new Int32Array(this.maxHops + 1);
    this.pathEdges = new Int32Array(this.maxHops);
    this.pathStrength = new Float64Array(this.maxHops + 1);
    this.pathSign = new Int8Array(this.maxHops + 1);
    this.pathLag = new Int32Array(this.maxHops + 1);
    this.top = new TopPaths(query.topPaths, this.maxHops);
    this.reached = new ReachedEntities(n, this.maxHops);
  }

  run(): Propagation {
    const shocks = this.query.shocks
      .map((s) => ({ node: this.graph.numberOf(s.entityId), sign: s.direction === 'UP' ? UP : DOWN, magnitude: s.magnitude }))
      .sort((a, b) => a.node - b.node);
    for (const s of shocks) this.closed[s.node] = BLOCKED;
    for (const s of shocks) this.expandFrom(s.node, s.sign, s.magnitude);
    return {
      impacts: this.reached.toImpacts(this.graph),
      paths: this.top.toPaths(this.graph),
      examinedEdges: this.examined,
    };
  }

  private expandFrom(source: number, sign: number, magnitude: number): void {
    const { offsets, targets, weights, negative, edgeNumbers, lags } = this.graph;
    const { closed, disabledSlots, top, reached, pathNodes, pathEdges, pathStrength, pathSign, pathLag, maxHops, minStrength, horizon } = this;
    const anyDisabled = disabledSlots.includes(1);
    const cursor = new Int32Array(maxHops);
    pathNodes[0] = source;
    pathStrength[0] = magnitude;
    pathSign[0] = sign;
    pathLag[0] = 0;
    cursor[0] = offsets[source];
    let depth = 0;
    let examined = 0;
    // Each pass scans the rest of one entity's edges in a tight loop with the prefix's
    // strength, sign and lag in locals, and leaves it only to go one level deeper; most
    // edges are examined at the last level, where nothing is pushed at all.
    while (depth >= 0) {
      const node = pathNodes[depth];
      const end = offsets[node + 1];
      const base = pathStrength[depth];
      const baseSign = pathSign[depth];
      const baseLag = pathLag[depth];
      const hops = depth + 1;
      const deeper = hops < maxHops;
      let slot = cursor[depth];
      let descended = false;
      for (; slot < end; slot++) {
        examined++;
        const target = targets[slot];
        if (closed[target] !== 0) continue;
        const strength = base * weights[slot];
        if (strength < minStrength) continue;
        // Lags are never negative: a path already past the horizon only arrives later.
        const lag = baseLag + lags[slot];
        if (lag > horizon || (anyDisabled && disabledSlots[slot] === 1)) continue;
        const pathSignHere = negative[slot] === 1 ? -baseSign : baseSign;
        pathNodes[hops] = target;
        pathEdges[depth] = edgeNumbers[slot];
        reached.record(target, hops, strength, pathSignHere, lag, pathNodes, pathEdges);
        // Most paths are weaker than the K-th kept one: skip the heap call for them.
        if (strength >= top.floor) top.offer(hops, strength, pathSignHere, lag, pathNodes, pathEdges);
        if (deeper) {
          pathStrength[hops] = strength;
          pathSign[hops] = pathSignHere;
          pathLag[hops] = lag;
          cursor[depth] = slot + 1;
          closed[target] = ON_PATH;
          cursor[hops] = offsets[target];
          depth = hops;
          descended = true;
          break;
        }
      }
      if (!descended) {
        if (closed[node] === ON_PATH) closed[node] = 0;
        depth--;
      }
    }
    this.examined += examined;
  }
}

/**
 * Path order (DOMAIN.md): strength descending, then fewer hops, then entity numbers
 * lexicographically, then edge numbers. Numbers follow id order, so this is id order.
 * Negative when path a comes first.
 */
function comparePathOrder(
  aStrength: number,
  aHops: number,
  aNodes: Int32Array,
  aNodeAt: number,
  aEdges: Int32Array,
  aEdgeAt: number,
  bStrength: number,
  bHops: number,
  bNodes: Int32Array,
  bNodeAt: number,
  bEdges: Int32Array,
  bEdgeAt: number,
): number {
  if (aStrength !== bStrength) return aStrength > bStrength ? -1 : 1;
  if (aHops !== bHops) return aHops - bHops;
  for (let i = 0; i <= aHops; i++) {
    const d = aNodes[aNodeAt + i] - bNodes[bNodeAt + i];
    if (d !== 0) return d;
  }
  for (let i = 0; i < aHops; i++) {
    const d = aEdges[aEdgeAt + i] - bEdges[bEdgeAt + i];
    if (d !== 0) return d;
  }
  return 0;
}

/** The K first paths in path order, as a binary heap whose root is the last of them. */
class TopPaths {
  private size = 0;
  /** The strength of the weakest kept path once K are kept; no path weaker than it can enter. */
  floor = -Infinity;
  // Entry storage by slot; slot `capacity` is scratch for a candidate.
  private readonly strength: Float64Array;
  private readonly hops: Int32Array;
  private readonly sign: Int8Array;
  private readonly lag: Int32Array;
  private readonly nodes: Int32Array;
  private readonly edges: Int32Array;
  /** heap[i] is the storage slot of heap position i. */
  private readonly heap: Int32Array;

  constructor(
    private readonly capacity: number,
    private readonly maxHops: number,
  ) {
    this.strength = new Float64Array(capacity + 1);
    this.hops = new Int32Array(capacity + 1);
    this.sign = new Int8Array(capacity + 1);
    this.lag = new Int32Array(capacity + 1);
    this.nodes = new Int32Array((capacity + 1) * (maxHops + 1));
    this.edges = new Int32Array((capacity + 1) * maxHops);
    this.heap = new Int32Array(capacity);
  }

  offer(hops: number, strength: number, sign: number, lag: number, pathNodes: Int32Array, pathEdges: Int32Array): void {
    if (this.size === this.capacity) {
      const worst = this.heap[0];
      // Fast rejection: most candidates are weaker than the K-th path.
      if (strength < this.strength[worst]) return;
      this.store(this.capacity, hops, strength, sign, lag, pathNodes, pathEdges);
      if (this.compareSlots(this.capacity, worst) >= 0) return;
      this.store(worst, hops, strength, sign, lag, pathNodes, pathEdges);
      this.siftDown(0);
      this.floor = this.strength[this.heap[0]];
      return;
    }
    const slot = this.size++;
    this.store(slot, hops, strength, sign, lag, pathNodes, pathEdges);
    this.heap[slot] = slot;
    this.siftUp(slot);
    if (this.size === this.capacity) this.floor = this.strength[this.heap[0]];
  }

  toPaths(graph: CausalGraph): TransmissionPath[] {
    const slots = Array.from(this.heap.subarray(0, this.size));
    slots.sort((a, b) => this.compareSlots(a, b));
    return slots.map((slot) => {
      const hops = this.hops[slot];
      const nodeAt = slot * (this.maxHops + 1);
      const edgeAt = slot * this.maxHops;
      return {
        entityIds: Array.from(this.nodes.subarray(nodeAt, nodeAt + hops + 1), (v) => graph.entityIds[v]),
        edgeIds: Array.from(this.edges.subarray(edgeAt, edgeAt + hops), (v) => graph.edgeIds[v]),
        hops,
        strength: this.strength[slot],
        direction: toDirection(this.sign[slot]),
        lagDays: this.lag[slot],
      };
    });
  }

  private store(slot: number, hops: number, strength: number, sign: number, lag: number, pathNodes: Int32Array, pathEdges: Int32Array): void {
    this.strength[slot] = strength;
    this.hops[slot] = hops;
    this.sign[slot] = sign;
    this.lag[slot] = lag;
    this.nodes.set(pathNodes.subarray(0, hops + 1), slot * (this.maxHops + 1));
    this.edges.set(pathEdges.subarray(0, hops), slot * this.maxHops);
  }

  private compareSlots(a: number, b: number): number {
    const stride = this.maxHops + 1;
    return comparePathOrder(
      this.strength[a], this.hops[a], this.nodes, a * stride, this.edges, a * this.maxHops,
      this.strength[b], this.hops[b], this.nodes, b * stride, this.edges, b * this.maxHops,
    );
  }

  /** True when heap position i holds a path that comes after the one at position j. */
  private later(i: number, j: number): boolean {
    return this.compareSlots(this.heap[i], this.heap[j]) > 0;
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.later(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.size) return;
      const right = left + 1;
      const child = right < this.size && this.later(right, left) ? right : left;
      if (!this.later(child, i)) return;
      this.swap(i, child);
      i = child;
    }
  }

  private swap(i: number, j: number): void {
    const t = this.heap[i];
    this.heap[i] = this.heap[j];
    this.heap[j] = t;
  }
}

/** Per reached entity: the first of its paths in path order, its fewest hops, its count and directions. */
class ReachedEntities {
  /** Entity number → row, or -1 while unreached. */
  private readonly rowOf: Int32Array;
  private rows = 0;
  private capacity = 16;
  private entity = new Int32Array(this.capacity);
  private bestStrength = new Float64Array(this.capacity);
  private bestHops = new Int32Array(this.capacity);
  private bestSign = new Int8Array(this.capacity);
  private bestNodes: Int32Array;
  private bestEdges: Int32Array;
  private minHops = new Int32Array(this.capacity);
  private earliest = new Int32Array(this.capacity);
  private count = new Float64Array(this.capacity);
  /** Bit 1: a path arrives UP; bit 2: a path arrives DOWN. */
  private directions = new Uint8Array(this.capacity);

  constructor(
    entityCount: number,
    private readonly maxHops: number,
  ) {
    this.rowOf = new Int32Array(entityCount).fill(-1);
    this.bestNodes = new Int32Array(this.capacity * (maxHops + 1));
    this.bestEdges = new Int32Array(this.capacity * maxHops);
  }

  record(node: number, hops: number, strength: number, sign: number, lag: number, pathNodes: Int32Array, pathEdges: Int32Array): void {
    let row = this.rowOf[node];
    if (row < 0) {
      row = this.addRow(node);
      this.minHops[row] = hops;
      this.earliest[row] = lag;
      this.setBest(row, hops, strength, sign, pathNodes, pathEdges);
    } else {
      if (hops < this.minHops[row]) this.minHops[row] = hops;
      if (lag < this.earliest[row]) this.earliest[row] = lag;
      if (strength >= this.bestStrength[row] && this.comesFirst(row, hops, strength, pathNodes, pathEdges)) {
        this.setBest(row, hops, strength, sign, pathNodes, pathEdges);
      }
    }
    this.count[row]++;
    this.directions[row] |= sign > 0 ? 1 : 2;
  }

  toImpacts(graph: CausalGraph): Impact[] {
    const rows = Array.from({ length: this.rows }, (_, r) => r);
    rows.sort((a, b) => this.bestStrength[b] - this.bestStrength[a] || this.entity[a] - this.entity[b]);
    return rows.map((r) => ({
      entityId: graph.entityIds[this.entity[r]],
      direction: toDirection(this.bestSign[r]),
      strength: this.bestStrength[r],
      hops: this.minHops[r],
      pathCount: this.count[r],
      mixed: this.directions[r] === 3,
      earliestArrivalDays: this.earliest[r],
    }));
  }

  private comesFirst(row: number, hops: number, strength: number, pathNodes: Int32Array, pathEdges: Int32Array): boolean {
    return (
      comparePathOrder(
        strength, hops, pathNodes, 0, pathEdges, 0,
        this.bestStrength[row], this.bestHops[row], this.bestNodes, row * (this.maxHops + 1), this.bestEdges, row * this.maxHops,
      ) < 0
    );
  }

  private setBest(row: number, hops: number, strength: number, sign: number, pathNodes: Int32Array, pathEdges: Int32Array): void {
    this.bestStrength[row] = strength;
    this.bestHops[row] = hops;
    this.bestSign[row] = sign;
    this.bestNodes.set(pathNodes.subarray(0, hops + 1), row * (this.maxHops + 1));
    this.bestEdges.set(pathEdges.subarray(0, hops), row * this.maxHops);
  }

  private addRow(node: number): number {
    if (this.rows === this.capacity) this.grow();
    const row = this.rows++;
    this.rowOf[node] = row;
    this.entity[row] = node;
    return row;
  }

  private grow(): void {
    const c = this.capacity * 2;
    this.entity = resized(this.entity, c);
    this.bestStrength = resized(this.bestStrength, c);
    this.bestHops = resized(this.bestHops, c);
    this.bestSign = resized(this.bestSign, c);
    this.bestNodes = resized(this.bestNodes, c * (this.maxHops + 1));
    this.bestEdges = resized(this.bestEdges, c * this.maxHops);
    this.minHops = resized(this.minHops, c);
    this.earliest = resized(this.earliest, c);
    this.count = resized(this.count, c);
    this.directions = resized(this.directions, c);
    this.capacity = c;
  }
}

type TypedArray = Int32Array | Int8Array | Uint8Array | Float64Array;

function resized<T extends TypedArray>(array: T, length: number): T {
  const next = new (array.constructor as new (n: number) => T)(length);
  next.set(array);
  return next;
}

function toDirection(sign: number): Direction {
  return sign > 0 ? 'UP' : 'DOWN';
}
