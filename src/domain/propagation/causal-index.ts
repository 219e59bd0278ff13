import type { Polarity } from '../model/graph.model';
import { CausalGraph, type IdTables } from './causal-graph';
import { LAG_SHIFT, NEGATIVE_FLAG, PROPOSED_FLAG, type IndexView } from './index-view';

/** The part of a causal edge the index keeps: what propagation and the response need. */
export interface CausalLink {
  readonly id: string;
  readonly fromId: string;
  readonly toId: string;
  readonly polarity: Polarity;
  readonly weight: number;
  /** Typical delay in days; 0 when unknown. */
  readonly lagDays?: number;
  /** In (0, 1]; 1 when unknown. */
  readonly confidence?: number;
  /** A claim awaiting review: walked only when a query asks for proposals. */
  readonly proposed?: boolean;
}

/** What one write changes in the index. */
export interface IndexChange {
  /** Entities that must exist (new ones are added; known ones are left as they are). */
  readonly entities?: readonly string[];
  /** Edges now in the index with these values: added, or changed in place. */
  readonly upsert?: readonly CausalLink[];
  /** Edges no longer in the index (retracted or rejected); unknown ids are ignored. */
  readonly remove?: readonly string[];
}

/**
 * The causal index, kept current write by write. Each `apply` makes a new immutable
 * version (a CausalGraph) in time proportional to the entities touched plus one copy of the
 * per-entity offsets, not to the size of the graph: the changed entities' edge blocks are
 * rewritten at the end of append-only arenas, and versions still in use keep reading
 * theirs. Arenas are compacted when more than half of them is garbage.
 *
 * Within a block, edges are kept in id order, so every walk visits them in the same order
 * whatever the history of writes: two backends, or a process and its restart, sum the same
 * numbers in the same order.
 */
export class CausalIndex {
  private readonly ids: IdTables = { entityIds: [], entityNumbers: new Map(), edgeIds: [], edgeNumbers: new Map() };
  /** Ids in id order with their numbers, to place a new id's rank between its neighbours'. */
  private readonly entityOrder = new SortedIds();
  private readonly edgeOrder = new SortedIds();
  private entityRank: Float64Array = shared(Float64Array, 16);
  private edgeRank: Float64Array = shared(Float64Array, 16);
  /** Main-thread bookkeeping per edge number: its ends, for moving it when it changes. */
  private edgeFrom: Int32Array = new Int32Array(16);
  private edgeTo: Int32Array = new Int32Array(16);

  private out: Arena;
  private in: Arena;
  private current: CausalGraph;

  private constructor(entityIds: Iterable<string>, links: Iterable<CausalLink>) {
    const entities = [...new Set(entityIds)].sort(compareIds);
    for (const id of entities) this.addEntity(id, false);
    const sorted = [...links];
    if (!isSortedById(sorted)) sorted.sort((a, b) => compareIds(a.id, b.id));
    const entityCount = entities.length;
    const numbers = new Int32Array(sorted.length);
    for (let i = 0; i < sorted.length; i++) {
      const link = sorted[i];
      if (i > 0 && sorted[i - 1].id === link.id) throw new Error(`duplicate causal edge id ${link.id}`);
      numbers[i] = this.addEdgeNumber(link.id, false);
      const from = this.ids.entityNumbers.get(link.fromId);
      const to = this.ids.entityNumbers.get(link.toId);
      if (from === undefined || to === undefined) throw new Error(`causal edge ${link.id} joins an unknown entity`);
      this.edgeFrom[numbers[i]] = from;
      this.edgeTo[numbers[i]] = to;
    }
    this.out = Arena.build(entityCount, sorted, numbers, this.edgeFrom, this.edgeTo);
    this.in = Arena.build(entityCount, sorted, numbers, this.edgeTo, this.edgeFrom);
    const edgeSlot = shared(Int32Array, Math.max(this.ids.edgeIds.length, 1)).fill(-1);
    for (let n = 0; n < entityCount; n++) {
      for (let slot = this.out.start[n]; slot < this.out.end[n]; slot++) edgeSlot[this.out.edge[slot]] = slot;
    }
    this.current = this.version(edgeSlot, sorted.length);
  }

  /** A new index holding these entities and edges (edges may come in any order). */
  static build(entityIds: Iterable<string>, links: Iterable<CausalLink>): CausalIndex {
    return new CausalIndex(entityIds, links);
  }

  /** The current version. */
  get graph(): CausalGraph {
    return this.current;
  }

  /** Applies one write and returns the new version; the previous version is left as it was. */
  apply(change: IndexChange): CausalGraph {
    for (const id of change.entities ?? []) if (!this.ids.entityNumbers.has(id)) this.addEntity(id, true);
    const entityCount = this.ids.entityIds.length;
    this.out.ensureEntities(entityCount);
    this.in.ensureEntities(entityCount);

    const previous = this.current.view;
    let edgeSlot = previous.edgeSlot;
    let edgeCount = previous.edgeCount;
    /** Edge number → its new record, or null when it leaves the index. */
    const changed = new Map<number, CausalLink | null>();
    for (const id of change.remove ?? []) {
      const e = this.ids.edgeNumbers.get(id);
      if (e !== undefined && e < edgeSlot.length && edgeSlot[e] >= 0) changed.set(e, null);
    }
    for (const link of change.upsert ?? []) {
      const from = this.ids.entityNumbers.get(link.fromId);
      const to = this.ids.entityNumbers.get(link.toId);
      if (from === undefined || to === undefined) throw new Error(`causal edge ${link.id} joins an unknown entity`);
      changed.set(this.ids.edgeNumbers.get(link.id) ?? this.addEdgeNumber(link.id, true), link);
    }
    if (changed.size === 0 && entityCount === previous.entityCount) return this.current;

    // The blocks to rewrite: both ends of every changed edge, before and after the change.
    const outTouched = new Map<number, Array<[number, CausalLink | null]>>();
    const inTouched = new Map<number, Array<[number, CausalLink | null]>>();
    const touch = (map: Map<number, Array<[number, CausalLink | null]>>, node: number) => {
      if (!map.has(node)) map.set(node, []);
    };
    for (const [e, link] of changed) {
      const present = e < edgeSlot.length && edgeSlot[e] >= 0;
      if (present) {
        touch(outTouched, this.edgeFrom[e]);
        touch(inTouched, this.edgeTo[e]);
      }
      if (link) {
        const from = this.ids.entityNumbers.get(link.fromId)!;
        const to = this.ids.entityNumbers.get(link.toId)!;
        this.edgeFrom[e] = from;
        this.edgeTo[e] = to;
        touch(outTouched, from);
        touch(inTouched, to);
        outTouched.get(from)!.push([e, link]);
        inTouched.get(to)!.push([e, link]);
      }
      edgeCount += (link ? 1 : 0) - (present ? 1 : 0);
    }

    const numberCount = this.ids.edgeIds.length;
    const nextSlot = shared(Int32Array, Math.max(numberCount, 1));
    nextSlot.set(edgeSlot.subarray(0, Math.min(edgeSlot.length, numberCount)));
    if (numberCount > edgeSlot.length) nextSlot.fill(-1, edgeSlot.length);
    for (const e of changed.keys()) nextSlot[e] = -1;
    edgeSlot = nextSlot;

    this.out = this.out.rewrite(outTouched, changed, this.edgeRank, this.edgeTo, previous.entityCount);
    this.in = this.in.rewrite(inTouched, changed, this.edgeRank, this.edgeFrom, previous.entityCount);
    if (this.out.compacted) edgeSlot.fill(-1);
    // Slots moved for the rewritten blocks (and for all of them after a compaction).
    const rewritten = this.out.compacted ? range(entityCount) : outTouched.keys();
    for (const n of rewritten) {
      for (let slot = this.out.start[n]; slot < this.out.end[n]; slot++) edgeSlot[this.out.edge[slot]] = slot;
    }
    this.current = this.version(edgeSlot, edgeCount);
    return this.current;
  }

  private version(edgeSlot: Int32Array, edgeCount: number): CausalGraph {
    const entityCount = this.ids.entityIds.length;
    const view: IndexView = {
      entityCount,
      edgeNumberCount: this.ids.edgeIds.length,
      edgeCount,
      outStart: this.out.start,
      outEnd: this.out.end,
      outF64: this.out.f64,
      outI32: this.out.i32,
      outEdge: this.out.edge,
      outConfidence: this.out.confidence,
      inStart: this.in.start,
      inEnd: this.in.end,
      inF64: this.in.f64,
      inI32: this.in.i32,
      inEdge: this.in.edge,
      edgeSlot,
      entityRank: this.entityRank,
      edgeRank: this.edgeRank,
    };
    return new CausalGraph(view, this.ids);
  }

  private addEntity(id: string, ranked: boolean): number {
    const n = this.ids.entityIds.length;
    this.ids.entityIds.push(id);
    this.ids.entityNumbers.set(id, n);
    this.entityRank = this.placeRank(this.entityRank, this.entityOrder, id, n, ranked, this.ids.entityNumbers);
    return n;
  }

  private addEdgeNumber(id: string, ranked: boolean): number {
    const e = this.ids.edgeIds.length;
    this.ids.edgeIds.push(id);
    this.ids.edgeNumbers.set(id, e);
    this.edgeRank = this.placeRank(this.edgeRank, this.edgeOrder, id, e, ranked, this.ids.edgeNumbers);
    if (e >= this.edgeFrom.length) {
      this.edgeFrom = grown(this.edgeFrom, e + 1);
      this.edgeTo = grown(this.edgeTo, e + 1);
    }
    return e;
  }

  /**
   * Gives number `n` a rank that sorts `id` among the ids already ranked. At build time ids
   * arrive in order (`ranked` false) and take ranks 0, 1, 2…; later an id takes the midpoint
   * of its neighbours' ranks. When the midpoint cannot be told apart from a neighbour, every
   * rank is given anew in a new array: versions in use keep the old one, whose order was
   * right for them.
   */
  private placeRank(
    ranks: Float64Array,
    order: SortedIds,
    id: string,
    n: number,
    ranked: boolean,
    numbers: ReadonlyMap<string, number>,
  ): Float64Array {
    let next = n >= ranks.length ? growShared(ranks, n + 1) : ranks;
    if (!ranked) {
      next[n] = order.size;
      order.append(id);
      return next;
    }
    const at = order.insert(id);
    const below = at > 0 ? next[numbers.get(order.at(at - 1))!] : -1;
    const above = at + 1 < order.size ? next[numbers.get(order.at(at + 1))!] : below + 2;
    const rank = (below + above) / 2;
    if (rank > below && rank < above) {
      next[n] = rank;
      return next;
    }
    next = shared(Float64Array, next.length);
    for (let i = 0; i < order.size; i++) next[numbers.get(order.at(i))!] = i;
    return next;
  }
}

/** An append-only edge arena (one direction) with the per-entity block offsets of its current version. */
class Arena {
  /** True when the last rewrite compacted the arena (every slot moved). */
  compacted = false;

  private constructor(
    /** Per entity: the first slot of its block, and one past the last, in this version. */
    public start: Int32Array,
    public end: Int32Array,
    readonly f64: Float64Array,
    readonly i32: Int32Array,
    readonly edge: Int32Array,
    readonly confidence: Float32Array,
    private used: number,
    private waste: number,
  ) {}

  static empty(entities: number, capacity: number): Arena {
    const buffer = new SharedArrayBuffer(16 * Math.max(capacity, 1));
    return new Arena(
      shared(Int32Array, Math.max(entities, 1)),
      shared(Int32Array, Math.max(entities, 1)),
      new Float64Array(buffer),
      new Int32Array(buffer),
      shared(Int32Array, Math.max(capacity, 1)),
      shared(Float32Array, Math.max(capacity, 1)),
      0,
      0,
    );
  }

  /** Blocks by `owner` (the from-entity for the out-arena, the to-entity for the in-arena), each in edge id order. */
  static build(entities: number, sorted: readonly CausalLink[], numbers: Int32Array, owner: Int32Array, other: Int32Array): Arena {
    const m = sorted.length;
    const arena = Arena.empty(entities, m + (m >> 3) + 64);
    const counts = new Int32Array(entities + 1);
    for (let i = 0; i < m; i++) counts[owner[numbers[i]] + 1]++;
    for (let n = 0; n < entities; n++) counts[n + 1] += counts[n];
    for (let n = 0; n < entities; n++) {
      arena.start[n] = counts[n];
      arena.end[n] = counts[n];
    }
    // Links are in id order, so appending keeps every block in id order.
    for (let i = 0; i < m; i++) {
      const e = numbers[i];
      arena.write(arena.end[owner[e]]++, sorted[i], e, other[e]);
    }
    arena.used = m;
    return arena;
  }

  ensureEntities(count: number): void {
    if (count <= this.start.length) return;
    // Versions in use keep the arrays they hold; new entities start with empty blocks.
    this.start = growShared(this.start, count);
    this.end = growShared(this.end, count);
  }

  /**
   * A new arena version in which each touched block holds its unchanged records plus its
   * changed ones, in edge id order, written at the end of the arena. Returns this arena's
   * successor; it shares the record arrays unless they had to grow or be compacted.
   */
  rewrite(
    touched: ReadonlyMap<number, Array<[number, CausalLink | null]>>,
    changed: ReadonlyMap<number, CausalLink | null>,
    edgeRank: Float64Array,
    other: Int32Array,
    previousEntityCount: number,
  ): Arena {
    const blocks: Array<[number, number[], Array<[number, CausalLink]>]> = [];
    let needed = 0;
    for (const [node, added] of touched) {
      const kept: number[] = [];
      if (node < previousEntityCount) {
        for (let slot = this.start[node]; slot < this.end[node]; slot++) if (!changed.has(this.edge[slot])) kept.push(slot);
      }
      const fresh = added.filter((entry): entry is [number, CausalLink] => entry[1] !== null);
      blocks.push([node, kept, fresh]);
      needed += kept.length + fresh.length;
    }
    let live = this.used - this.waste;
    for (const [node] of blocks) if (node < previousEntityCount) live -= this.end[node] - this.start[node];
    live += needed;

    let target: Arena = this.successor();
    if (this.used + needed > this.edge.length) {
      // Out of room: copy the live blocks into a bigger arena (this also drops the garbage).
      target = this.compactInto(Math.max(2 * live, live + needed + 1024), new Set(touched.keys()));
    } else if (this.waste > live + 4096) {
      target = this.compactInto(Math.max(live + (live >> 2) + needed, 1024), new Set(touched.keys()));
    }
    for (const [node, kept, fresh] of blocks) {
      const records: Array<{ rank: number; e: number; copy: number } | { rank: number; e: number; link: CausalLink }> = [
        ...kept.map((slot) => ({ rank: edgeRank[this.edge[slot]], copy: slot, e: this.edge[slot] })),
        ...fresh.map(([e, link]) => ({ rank: edgeRank[e], link, e })),
      ];
      records.sort((a, b) => a.rank - b.rank);
      if (!target.compacted && node < previousEntityCount) target.waste += this.end[node] - this.start[node];
      target.start[node] = target.used;
      for (const r of records) {
        const slot = target.used++;
        if ('link' in r) target.write(slot, r.link, r.e, other[r.e]);
        else target.copyFrom(this, r.copy, slot);
      }
      target.end[node] = target.used;
    }
    return target;
  }

  private successor(): Arena {
    return new Arena(sharedCopy(this.start), sharedCopy(this.end), this.f64, this.i32, this.edge, this.confidence, this.used, this.waste);
  }

  /** A fresh arena of `capacity` records holding every block except those in `skip` (about to be rewritten). */
  private compactInto(capacity: number, skip: ReadonlySet<number>): Arena {
    const next = Arena.empty(this.start.length, capacity);
    next.compacted = true;
    for (let node = 0; node < this.start.length; node++) {
      next.start[node] = next.used;
      if (!skip.has(node)) for (let slot = this.start[node]; slot < this.end[node]; slot++) next.copyFrom(this, slot, next.used++);
      next.end[node] = next.used;
    }
    return next;
  }

  private write(slot: number, link: CausalLink, e: number, otherEnd: number): void {
    this.f64[2 * slot] = link.weight;
    this.i32[4 * slot + 2] = otherEnd;
    this.i32[4 * slot + 3] =
      ((link.lagDays ?? 0) << LAG_SHIFT) | (link.proposed ? PROPOSED_FLAG : 0) | (link.polarity === 'NEGATIVE' ? NEGATIVE_FLAG : 0);
    this.edge[slot] = e;
    this.confidence[slot] = link.confidence ?? 1;
  }

  private copyFrom(source: Arena, from: number, to: number): void {
    this.f64[2 * to] = source.f64[2 * from];
    this.i32[4 * to + 2] = source.i32[4 * from + 2];
    this.i32[4 * to + 3] = source.i32[4 * from + 3];
    this.edge[to] = source.edge[from];
    this.confidence[to] = source.confidence[from];
  }
}

/** Ids kept in id order: binary search to place a new one. */
class SortedIds {
  private readonly ids: string[] = [];

  get size(): number {
    return this.ids.length;
  }

  at(i: number): string {
    return this.ids[i];
  }

  /** Adds an id known to sort after every id so far. */
  append(id: string): void {
    this.ids.push(id);
  }

  /** Adds an id in its place; returns its position. */
  insert(id: string): number {
    let lo = 0;
    let hi = this.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ids[mid] < id) lo = mid + 1;
      else hi = mid;
    }
    this.ids.splice(lo, 0, id);
    return lo;
  }
}

type SharedArrayType = Int32Array | Float64Array | Float32Array;
type SharedArrayConstructor<T extends SharedArrayType> = { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number };

function shared<T extends SharedArrayType>(type: SharedArrayConstructor<T>, length: number): T {
  return new type(new SharedArrayBuffer(type.BYTES_PER_ELEMENT * length));
}

/** A shared copy at least `length` long (doubling, so growth is amortised). */
function growShared<T extends SharedArrayType>(array: T, length: number): T {
  const next = shared(array.constructor as SharedArrayConstructor<T>, Math.max(length, 2 * array.length));
  next.set(array);
  return next;
}

function sharedCopy<T extends SharedArrayType>(array: T): T {
  const copy = shared(array.constructor as SharedArrayConstructor<T>, array.length);
  copy.set(array);
  return copy;
}

function grown(array: Int32Array, length: number): Int32Array {
  const next = new Int32Array(Math.max(length, 2 * array.length));
  next.set(array);
  return next;
}

function* range(n: number): Generator<number> {
  for (let i = 0; i < n; i++) yield i;
}

function isSortedById(links: readonly CausalLink[]): boolean {
  for (let i = 1; i < links.length; i++) if (links[i - 1].id > links[i].id) return false;
  return true;
}

/** Id order everywhere: by UTF-16 code units, the same on every backend (not locale-aware). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
