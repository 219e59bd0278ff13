import { Deadline } from '../errors';
import type { Direction } from '../model/graph.model';
import type { CausalGraph } from './causal-graph';
import { excludedFlags, LAG_SHIFT, NEGATIVE_FLAG, type IndexView } from './index-view';
import type {
  Impact,
  NumericImpact,
  NumericPath,
  NumericPropagation,
  NumericPropagationQuery,
  Propagation,
  PropagationQuery,
  TransmissionPath,
} from './propagation.model';
import { validatePropagationQuery } from './validate-propagation-query';

/**
 * Propagates shocks through the causal graph as DOMAIN.md defines it: the query is
 * checked and turned into numbers, walked (`walkPropagation`, which a worker thread can run
 * on the same shared index), and the answer is turned back into ids.
 */
export function propagate(graph: CausalGraph, query: PropagationQuery, deadline: Deadline = Deadline.NONE): Propagation {
  return propagationToIds(graph, walkPropagation(graph.view, validatePropagationQuery(graph, query), deadline));
}

/** A numeric answer in ids. */
export function propagationToIds(graph: CausalGraph, result: NumericPropagation): Propagation {
  return {
    impacts: result.impacts.map((impact): Impact => ({
      entityId: graph.entityId(impact.node),
      direction: toDirection(impact.sign),
      strength: impact.strength,
      hops: impact.hops,
      pathCount: impact.pathCount,
      mixed: impact.mixed,
      earliestArrivalDays: impact.earliestArrivalDays,
    })),
    paths: result.paths.map((path): TransmissionPath => ({
      entityIds: path.nodes.map((n) => graph.entityId(n)),
      edgeIds: path.edges.map((e) => graph.edgeId(e)),
      hops: path.edges.length,
      strength: path.strength,
      direction: toDirection(path.sign),
      lagDays: path.lagDays,
    })),
    examinedEdges: result.examinedEdges,
  };
}

/**
 * The walk: a depth-first search over simple paths from each shocked entity. A branch is
 * cut the moment its strength falls below `minStrength`: weights are at most 1, so a product
 * that is already too small can only shrink (IEEE multiplication by w ≤ 1 never rounds up
 * past the multiplicand). Every surviving path updates its end entity's impact; the top K
 * paths are kept in a bounded heap whose worst entry rejects most candidates with a single
 * comparison. The walk allocates nothing per edge.
 */
export function walkPropagation(view: IndexView, query: NumericPropagationQuery, deadline: Deadline = Deadline.NONE): NumericPropagation {
  return new Walk(view, query, deadline).run();
}

/** Steps of the walk (descents and returns) between two looks at the clock. */
const STEPS_PER_CHECK = 1 << 14;

const ON_PATH = 1;
const BLOCKED = 2;

class Walk {
  private readonly maxHops: number;
  private readonly minStrength: number;
  /** The latest a path may arrive, in days; Infinity without a horizon. */
  private readonly horizon: number;
  /** Per entity: 2 when no path may enter it (shocked or disabled), 1 while it is on the current path. */
  private readonly closed: Uint8Array;
  /** Per edge number: 1 when the edge is disabled (a counterfactual); empty when none is. */
  private readonly disabledEdges: Uint8Array;

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
    private readonly view: IndexView,
    private readonly query: NumericPropagationQuery,
    private readonly deadline: Deadline,
  ) {
    const n = view.entityCount;
    this.maxHops = query.maxHops;
    this.minStrength = query.minStrength;
    this.horizon = query.horizonDays;
    this.closed = new Uint8Array(n);
    for (const node of query.disabledEntities) this.closed[node] = BLOCKED;
    // Sized to the graph only when some edge is disabled: a per-edge array per query would
    // cost more than a small walk on a big graph.
    this.disabledEdges = new Uint8Array(query.disabledEdges.length > 0 ? view.edgeNumberCount : 0);
    for (const e of query.disabledEdges) this.disabledEdges[e] = 1;
    this.pathNodes = new Int32Array(this.maxHops + 1);
    this.pathEdges = new Int32Array(this.maxHops);
    this.pathStrength = new Float64Array(this.maxHops + 1);
    this.pathSign = new Int8Array(this.maxHops + 1);
    this.pathLag = new Int32Array(this.maxHops + 1);
    const order = new PathOrder(view);
    this.top = new TopPaths(query.topPaths, this.maxHops, order);
    this.reached = new ReachedEntities(n, this.maxHops, order);
  }

  run(): NumericPropagation {
    const { shocks } = this.query;
    for (const s of shocks) this.closed[s.node] = BLOCKED;
    for (const s of shocks) this.expandFrom(s.node, s.sign, s.magnitude);
    return {
      impacts: this.reached.toImpacts(),
      paths: this.top.toPaths(this.view.outEdge),
      examinedEdges: this.examined,
    };
  }

  private expandFrom(source: number, sign: number, magnitude: number): void {
    const { outStart, outEnd, outF64, outI32, outEdge } = this.view;
    const { closed, disabledEdges, top, reached, pathNodes, pathEdges, pathStrength, pathSign, pathLag, maxHops, minStrength, horizon } =
      this;
    const anyDisabled = disabledEdges.length > 0;
    const skipFlags = excludedFlags(this.query.includeProposed);
    const cursor = new Int32Array(maxHops);
    pathNodes[0] = source;
    pathStrength[0] = magnitude;
    pathSign[0] = sign;
    pathLag[0] = 0;
    cursor[0] = outStart[source];
    let depth = 0;
    let examined = 0;
    let steps = 0;
    // Each pass scans the rest of one entity's edges in a tight loop with the prefix's
    // strength, sign and lag in locals, and leaves it only to go one level deeper; most
    // edges are examined at the last level, where nothing is pushed at all. An edge is
    // read from its packed record (CausalGraph.walkWeights/walkInts): one cache line
    // holds four of them. Paths carry slots, not edge numbers, until they are reported.
    while (depth >= 0) {
      if (++steps === STEPS_PER_CHECK) {
        steps = 0;
        this.deadline.check();
      }
      const node = pathNodes[depth];
      const end = outEnd[node];
      const base = pathStrength[depth];
      const baseSign = pathSign[depth];
      const baseLag = pathLag[depth];
      const hops = depth + 1;
      const deeper = hops < maxHops;
      let slot = cursor[depth];
      let descended = false;
      for (; slot < end; slot++) {
        examined++;
        const target = outI32[4 * slot + 2];
        if (closed[target] !== 0) continue;
        const strength = base * outF64[2 * slot];
        if (strength < minStrength) continue;
        const flags = outI32[4 * slot + 3];
        // Lags are never negative: a path already past the horizon only arrives later.
        const lag = baseLag + (flags >> LAG_SHIFT);
        if (lag > horizon || (flags & skipFlags) !== 0 || (anyDisabled && disabledEdges[outEdge[slot]] === 1)) continue;
        const pathSignHere = (flags & NEGATIVE_FLAG) !== 0 ? -baseSign : baseSign;
        pathNodes[hops] = target;
        pathEdges[depth] = slot;
        reached.record(target, hops, strength, pathSignHere, lag, pathNodes, pathEdges);
        // Most paths are weaker than the K-th kept one: skip the heap call for them.
        if (strength >= top.floor) top.offer(hops, strength, pathSignHere, lag, pathNodes, pathEdges);
        if (deeper) {
          pathStrength[hops] = strength;
          pathSign[hops] = pathSignHere;
          pathLag[hops] = lag;
          cursor[depth] = slot + 1;
          closed[target] = ON_PATH;
          cursor[hops] = outStart[target];
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
 * Path order (DOMAIN.md): strength descending, then fewer hops, then the entity ids
 * lexicographically, then the edge ids. Ids are compared through their ranks (numbers whose
 * order is the ids' order). Paths hold slots of the out-arena; `outEdge` maps a slot to its
 * edge. `compare` is negative when path a comes first.
 */
class PathOrder {
  readonly entityRank: Float64Array;
  private readonly edgeRank: Float64Array;
  private readonly outEdge: Int32Array;

  constructor(view: IndexView) {
    this.entityRank = view.entityRank;
    this.edgeRank = view.edgeRank;
    this.outEdge = view.outEdge;
  }

  compare(
    aStrength: number,
    aHops: number,
    aNodes: Int32Array,
    aNodeAt: number,
    aSlots: Int32Array,
    aSlotAt: number,
    bStrength: number,
    bHops: number,
    bNodes: Int32Array,
    bNodeAt: number,
    bSlots: Int32Array,
    bSlotAt: number,
  ): number {
    if (aStrength !== bStrength) return aStrength > bStrength ? -1 : 1;
    if (aHops !== bHops) return aHops - bHops;
    const { entityRank, edgeRank, outEdge } = this;
    for (let i = 0; i <= aHops; i++) {
      const d = entityRank[aNodes[aNodeAt + i]] - entityRank[bNodes[bNodeAt + i]];
      if (d !== 0) return d;
    }
    for (let i = 0; i < aHops; i++) {
      const d = edgeRank[outEdge[aSlots[aSlotAt + i]]] - edgeRank[outEdge[bSlots[bSlotAt + i]]];
      if (d !== 0) return d;
    }
    return 0;
  }
}

/** The K first paths in path order, as a binary heap whose root is the last of them. */
class TopPaths {
  private size = 0;
  /** The strength of the weakest kept path once K are kept; no path weaker than it can enter. */
  floor = -Infinity;
  // Entry storage by entry number; entry `capacity` is scratch for a candidate.
  private readonly strength: Float64Array;
  private readonly hops: Int32Array;
  private readonly sign: Int8Array;
  private readonly lag: Int32Array;
  private readonly nodes: Int32Array;
  private readonly slots: Int32Array;
  /** heap[i] is the entry number at heap position i. */
  private readonly heap: Int32Array;

  constructor(
    private readonly capacity: number,
    private readonly maxHops: number,
    private readonly order: PathOrder,
  ) {
    this.strength = new Float64Array(capacity + 1);
    this.hops = new Int32Array(capacity + 1);
    this.sign = new Int8Array(capacity + 1);
    this.lag = new Int32Array(capacity + 1);
    this.nodes = new Int32Array((capacity + 1) * (maxHops + 1));
    this.slots = new Int32Array((capacity + 1) * maxHops);
    this.heap = new Int32Array(capacity);
  }

  offer(hops: number, strength: number, sign: number, lag: number, pathNodes: Int32Array, pathSlots: Int32Array): void {
    if (this.size === this.capacity) {
      const worst = this.heap[0];
      // Fast rejection: most candidates are weaker than the K-th path.
      if (strength < this.strength[worst]) return;
      this.store(this.capacity, hops, strength, sign, lag, pathNodes, pathSlots);
      if (this.compareEntries(this.capacity, worst) >= 0) return;
      this.store(worst, hops, strength, sign, lag, pathNodes, pathSlots);
      this.siftDown(0);
      this.floor = this.strength[this.heap[0]];
      return;
    }
    const entry = this.size++;
    this.store(entry, hops, strength, sign, lag, pathNodes, pathSlots);
    this.heap[entry] = entry;
    this.siftUp(entry);
    if (this.size === this.capacity) this.floor = this.strength[this.heap[0]];
  }

  toPaths(outEdge: Int32Array): NumericPath[] {
    const entries = Array.from(this.heap.subarray(0, this.size));
    entries.sort((a, b) => this.compareEntries(a, b));
    return entries.map((entry) => {
      const hops = this.hops[entry];
      const nodeAt = entry * (this.maxHops + 1);
      const slotAt = entry * this.maxHops;
      return {
        nodes: Array.from(this.nodes.subarray(nodeAt, nodeAt + hops + 1)),
        edges: Array.from(this.slots.subarray(slotAt, slotAt + hops), (slot) => outEdge[slot]),
        strength: this.strength[entry],
        sign: this.sign[entry] > 0 ? 1 : -1,
        lagDays: this.lag[entry],
      };
    });
  }

  private store(
    entry: number,
    hops: number,
    strength: number,
    sign: number,
    lag: number,
    pathNodes: Int32Array,
    pathSlots: Int32Array,
  ): void {
    this.strength[entry] = strength;
    this.hops[entry] = hops;
    this.sign[entry] = sign;
    this.lag[entry] = lag;
    this.nodes.set(pathNodes.subarray(0, hops + 1), entry * (this.maxHops + 1));
    this.slots.set(pathSlots.subarray(0, hops), entry * this.maxHops);
  }

  private compareEntries(a: number, b: number): number {
    const stride = this.maxHops + 1;
    return this.order.compare(
      this.strength[a],
      this.hops[a],
      this.nodes,
      a * stride,
      this.slots,
      a * this.maxHops,
      this.strength[b],
      this.hops[b],
      this.nodes,
      b * stride,
      this.slots,
      b * this.maxHops,
    );
  }

  /** True when heap position i holds a path that comes after the one at position j. */
  private later(i: number, j: number): boolean {
    return this.compareEntries(this.heap[i], this.heap[j]) > 0;
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

// The 32-byte state of one entity in ReachedEntities, as Float64 and Int32 offsets.
const F_BEST_STRENGTH = 0;
const F_COUNT = 1;
const I_MIN_HOPS = 4; // 0 while unreached: a path has at least one hop
const I_EARLIEST = 5;
const I_FLAGS = 6; // bit 0: a path arrives UP; bit 1: one arrives DOWN; bit 2: the best arrives DOWN
const I_ROW = 7; // the entity's row in the best-path tables, in order of first arrival

/**
 * Per reached entity: the first of its paths in path order, its fewest hops, its count,
 * its earliest arrival and its directions. Every surviving path updates its end entity,
 * so an entity's state lives in one 32-byte record (half a cache line); the best path's
 * entities and slots, which change rarely, live in row tables that grow with the rows.
 */
class ReachedEntities {
  private readonly f64: Float64Array;
  private readonly i32: Int32Array;
  private rows = 0;
  private capacity = 16;
  /** Row → entity number. */
  private entity = new Int32Array(this.capacity);
  private bestHops = new Int32Array(this.capacity);
  private bestNodes: Int32Array;
  private bestSlots: Int32Array;

  constructor(
    entityCount: number,
    private readonly maxHops: number,
    private readonly order: PathOrder,
  ) {
    const state = new ArrayBuffer(32 * entityCount);
    this.f64 = new Float64Array(state);
    this.i32 = new Int32Array(state);
    this.bestNodes = new Int32Array(this.capacity * (maxHops + 1));
    this.bestSlots = new Int32Array(this.capacity * maxHops);
  }

  record(node: number, hops: number, strength: number, sign: number, lag: number, pathNodes: Int32Array, pathSlots: Int32Array): void {
    const { f64, i32 } = this;
    const f = node * 4;
    const i = node * 8;
    const minHops = i32[i + I_MIN_HOPS];
    if (minHops === 0) {
      i32[i + I_MIN_HOPS] = hops;
      i32[i + I_EARLIEST] = lag;
      i32[i + I_ROW] = this.addRow(node);
      this.setBest(node, hops, strength, sign, pathNodes, pathSlots);
    } else {
      if (hops < minHops) i32[i + I_MIN_HOPS] = hops;
      if (lag < i32[i + I_EARLIEST]) i32[i + I_EARLIEST] = lag;
      if (strength >= f64[f + F_BEST_STRENGTH] && this.comesFirst(node, hops, strength, pathNodes, pathSlots)) {
        this.setBest(node, hops, strength, sign, pathNodes, pathSlots);
      }
    }
    f64[f + F_COUNT]++;
    i32[i + I_FLAGS] |= sign > 0 ? 1 : 2;
  }

  toImpacts(): NumericImpact[] {
    const { f64, i32, rows } = this;
    // Sort row numbers on a dense copy of the keys: the per-entity records are spread over
    // the whole graph, and a comparator reaching into them misses the cache at every call.
    const entity = this.entity;
    const strength = new Float64Array(rows);
    for (let r = 0; r < rows; r++) strength[r] = f64[entity[r] * 4 + F_BEST_STRENGTH];
    const order = new Uint32Array(rows);
    for (let r = 0; r < rows; r++) order[r] = r;
    const rank = this.order.entityRank;
    order.sort((a, b) => strength[b] - strength[a] || rank[entity[a]] - rank[entity[b]]);
    return Array.from(order, (row): NumericImpact => {
      const node = entity[row];
      const flags = i32[node * 8 + I_FLAGS];
      return {
        node,
        sign: (flags & 4) === 0 ? 1 : -1,
        strength: f64[node * 4 + F_BEST_STRENGTH],
        hops: i32[node * 8 + I_MIN_HOPS],
        pathCount: f64[node * 4 + F_COUNT],
        mixed: (flags & 3) === 3,
        earliestArrivalDays: i32[node * 8 + I_EARLIEST],
      };
    });
  }

  private comesFirst(node: number, hops: number, strength: number, pathNodes: Int32Array, pathSlots: Int32Array): boolean {
    const row = this.i32[node * 8 + I_ROW];
    return (
      this.order.compare(
        strength,
        hops,
        pathNodes,
        0,
        pathSlots,
        0,
        this.f64[node * 4 + F_BEST_STRENGTH],
        this.bestHops[row],
        this.bestNodes,
        row * (this.maxHops + 1),
        this.bestSlots,
        row * this.maxHops,
      ) < 0
    );
  }

  private setBest(node: number, hops: number, strength: number, sign: number, pathNodes: Int32Array, pathSlots: Int32Array): void {
    const i = node * 8;
    const row = this.i32[i + I_ROW];
    this.f64[node * 4 + F_BEST_STRENGTH] = strength;
    this.i32[i + I_FLAGS] = (this.i32[i + I_FLAGS] & 3) | (sign > 0 ? 0 : 4);
    this.bestHops[row] = hops;
    this.bestNodes.set(pathNodes.subarray(0, hops + 1), row * (this.maxHops + 1));
    this.bestSlots.set(pathSlots.subarray(0, hops), row * this.maxHops);
  }

  private addRow(node: number): number {
    if (this.rows === this.capacity) this.grow();
    const row = this.rows++;
    this.entity[row] = node;
    return row;
  }

  private grow(): void {
    const c = this.capacity * 2;
    this.entity = resized(this.entity, c);
    this.bestHops = resized(this.bestHops, c);
    this.bestNodes = resized(this.bestNodes, c * (this.maxHops + 1));
    this.bestSlots = resized(this.bestSlots, c * this.maxHops);
    this.capacity = c;
  }
}

function resized(array: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(length);
  next.set(array);
  return next;
}

function toDirection(sign: number): Direction {
  return sign > 0 ? 'UP' : 'DOWN';
}
