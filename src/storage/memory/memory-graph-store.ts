import type { GraphSnapshot } from '../../domain/model/graph-snapshot';
import { claimKey, isSameCreation, type CausalEdge, type Entity, type Source } from '../../domain/model/graph.model';
import { CausalGraph, compareIds } from '../../domain/propagation/causal-graph';
import { rankTerms, searchTerms, type MatchRank } from '../../domain/search/rank-entity';
import {
  revisionProblem,
  type AddEdgeOutcome,
  type BatchOutcome,
  type EntitySearch,
  type GraphStore,
  type RankedEntity,
  type ReplaceEdgeOutcome,
  type Slice,
  type WriteBatch,
} from '../graph-store.port';
import { EdgeTable } from './edge-table';
import { WriteLog, type LoggedWrite } from './write-log';

/**
 * The embedded default: the whole graph in process memory, loaded from a snapshot (the
 * seed) plus, when it has a data directory, every write accepted since (its write log).
 * Needs no database; reads are look-ups in memory. Writes are checked and applied
 * synchronously, so no two interleave, and logged durably before they are applied.
 *
 * Edges live in columns (EdgeTable) and are built into objects only when read; the lists
 * of an entity's edges and the id-ordered edge list come from the propagation index.
 */
export class MemoryGraphStore implements GraphStore {
  readonly backend = 'memory' as const;
  protected readonly entities = new Map<string, Entity>();
  /** Every edge, retracted ones included: they stay readable by id. */
  protected readonly edges: EdgeTable;
  protected readonly sources = new Map<string, Source>();
  // Derived from the records above by reindex(); the index holds the active edges only.
  private terms = new Map<string, string[]>();
  private sortedEntities: Entity[] = [];
  private index!: CausalGraph;
  /** Counts reindex() runs: once at load, then once per write. */
  private version = 0;
  /** Idempotency key → the edge its first addEdge created. */
  private readonly keys = new Map<string, string>();
  private log: WriteLog | undefined;

  constructor(snapshot: GraphSnapshot) {
    for (const s of snapshot.sources) this.sources.set(s.id, s);
    for (const e of snapshot.entities) this.entities.set(e.id, e);
    this.edges = new EdgeTable(snapshot.edges);
    this.reindex();
  }

  /** The seed plus every write logged in `dataDir`; later writes are logged there too. */
  static open(snapshot: GraphSnapshot, dataDir: string, warn?: (line: string) => void): MemoryGraphStore {
    const store = new MemoryGraphStore(snapshot);
    const { log, writes } = WriteLog.open(dataDir, warn);
    for (const write of writes) store.apply(write);
    store.reindex();
    store.log = log;
    return store;
  }

  async upsertEntity(entity: Entity): Promise<void> {
    this.commit({ op: 'entity', entity });
  }

  async addSource(source: Source): Promise<{ created: boolean; current: Source }> {
    const current = this.sources.get(source.id);
    if (current) return { created: false, current };
    this.commit({ op: 'source', source });
    return { created: true, current: source };
  }

  async addEdge(edge: CausalEdge, idempotencyKey?: string): Promise<AddEdgeOutcome> {
    const earlier = idempotencyKey === undefined ? undefined : this.keys.get(idempotencyKey);
    if (earlier !== undefined) return { kind: 'replayed', edge: this.edges.get(earlier)! };
    const stored = this.edges.get(edge.id);
    if (stored) return isSameCreation(stored, edge) ? { kind: 'replayed', edge: stored } : { kind: 'id-taken' };
    const twin = this.activeTwin(edge);
    if (twin) return { kind: 'duplicate', existingId: twin.id };
    this.commit({ op: 'edge', edge, idempotencyKey });
    return { kind: 'created', edge };
  }

  async replaceEdge(next: CausalEdge, expectedRevision: number): Promise<ReplaceEdgeOutcome> {
    const current = this.edges.get(next.id);
    if (!current) return { kind: 'missing' };
    if (current.revision !== expectedRevision) return { kind: 'stale', currentRevision: current.revision };
    const twin = next.status === 'ACTIVE' ? this.activeTwin(next) : undefined;
    if (twin) return { kind: 'duplicate', existingId: twin.id };
    this.commit({ op: 'edge', edge: next });
    return { kind: 'replaced', edge: next };
  }

  async applyBatch(batch: WriteBatch): Promise<BatchOutcome> {
    const claims = new Map<string, string>();
    for (const link of this.index.links()) claims.set(claimKey(link), link.id);
    for (const { edge, expectedRevision } of batch.edges) {
      const current = this.edges.get(edge.id);
      const problem = revisionProblem(current?.revision ?? null, expectedRevision);
      if (problem) return { kind: 'refused', edgeId: edge.id, reason: problem };
      if (current?.status === 'ACTIVE') claims.delete(claimKey(current));
    }
    for (const { edge } of batch.edges) {
      if (edge.status !== 'ACTIVE') continue;
      const twin = claims.get(claimKey(edge));
      if (twin !== undefined) return { kind: 'refused', edgeId: edge.id, reason: `makes the same claim as active edge ${twin}` };
      claims.set(claimKey(edge), edge.id);
    }
    this.commit({
      op: 'batch',
      writes: [
        ...batch.sources.map((source): LoggedWrite => ({ op: 'source', source })),
        ...batch.entities.map((entity): LoggedWrite => ({ op: 'entity', entity })),
        ...batch.edges.map(({ edge }): LoggedWrite => ({ op: 'edge', edge })),
      ],
    });
    return { kind: 'applied' };
  }

  async exportGraph(): Promise<{ entities: Entity[]; sources: Source[]; edges: CausalEdge[] }> {
    return {
      entities: [...this.sortedEntities],
      sources: [...this.sources.values()].sort(byId),
      edges: [...this.edges.values()].sort(byId),
    };
  }

  /** Logs the write (durably, when there is a log), then applies it. */
  private commit(write: LoggedWrite): void {
    this.log?.append(write);
    this.apply(write);
    this.reindex();
  }

  private apply(write: LoggedWrite): void {
    switch (write.op) {
      case 'batch':
        for (const w of write.writes) this.apply(w);
        return;
      case 'entity':
        this.entities.set(write.entity.id, write.entity);
        return;
      case 'source':
        this.sources.set(write.source.id, write.source);
        return;
      case 'edge':
        this.edges.set(write.edge);
        if (write.idempotencyKey !== undefined) this.keys.set(write.idempotencyKey, write.edge.id);
    }
  }

  /** Another active edge making the same claim, if any. */
  private activeTwin(edge: CausalEdge): CausalEdge | undefined {
    const { index } = this;
    const from = index.numberOf(edge.fromId);
    const to = index.numberOf(edge.toId);
    if (from < 0 || to < 0) return undefined;
    const negative = edge.polarity === 'NEGATIVE' ? 1 : 0;
    for (let slot = index.offsets[from]; slot < index.offsets[from + 1]; slot++) {
      const id = index.edgeIds[index.edgeNumbers[slot]];
      if (index.targets[slot] === to && index.negative[slot] === negative && id !== edge.id) return this.edges.get(id);
    }
    return undefined;
  }

  /**
   * Recomputes the lookup structures and the propagation index from the records. Built at
   * load, not on the first query (ready means ready to propagate), and after every write.
   */
  protected reindex(): void {
    this.terms = new Map([...this.entities.values()].map((e) => [e.id, searchTerms(e)]));
    this.sortedEntities = [...this.entities.values()].sort(byId);
    this.index = new CausalGraph(this.entities.keys(), this.edges.activeLinks());
    this.version++;
  }

  async graphVersion(): Promise<string> {
    return String(this.version);
  }

  async getEntities(ids: readonly string[]): Promise<ReadonlyArray<Entity | undefined>> {
    return ids.map((id) => this.entities.get(id));
  }

  async getEdges(ids: readonly string[]): Promise<ReadonlyArray<CausalEdge | undefined>> {
    return ids.map((id) => this.edges.get(id));
  }

  async getSources(ids: readonly string[]): Promise<ReadonlyArray<Source | undefined>> {
    return ids.map((id) => this.sources.get(id));
  }

  async getOutgoing(entityIds: readonly string[]): Promise<ReadonlyArray<readonly CausalEdge[]>> {
    const { index } = this;
    return entityIds.map((id) => {
      const n = index.numberOf(id);
      if (n < 0) return [];
      // An entity's slots are in edge-number order, which is id order.
      const numbers = Array.from(index.edgeNumbers.subarray(index.offsets[n], index.offsets[n + 1]));
      return numbers.map((e) => this.edges.get(index.edgeIds[e])!);
    });
  }

  async getIncoming(entityIds: readonly string[]): Promise<ReadonlyArray<readonly CausalEdge[]>> {
    const { index } = this;
    const reverse = index.reverse();
    return entityIds.map((id) => {
      const n = index.numberOf(id);
      if (n < 0) return [];
      const numbers = Array.from(reverse.incoming(n), (slot) => index.edgeNumbers[slot]).sort((a, b) => a - b);
      return numbers.map((e) => this.edges.get(index.edgeIds[e])!);
    });
  }

  async searchEntities(search: EntitySearch): Promise<Slice<RankedEntity>> {
    const kinds = search.kinds && search.kinds.length > 0 ? new Set(search.kinds) : undefined;
    const matches: RankedEntity[] = [];
    for (const entity of this.sortedEntities) {
      if (kinds && !kinds.has(entity.kind)) continue;
      const rank: MatchRank | null = search.foldedQuery ? rankTerms(this.terms.get(entity.id)!, search.foldedQuery) : 0;
      if (rank !== null) matches.push({ entity, rank });
    }
    // Stable sort: entities were already in id order.
    matches.sort((a, b) => a.rank - b.rank);
    let start = 0;
    if (search.after) {
      const [rank, id] = search.after as [number, string];
      start = matches.findIndex((m) => m.rank > rank || (m.rank === rank && m.entity.id > id));
      if (start < 0) start = matches.length;
    }
    return sliceFrom(matches, start, search.first);
  }

  async listEdges(first: number, after?: string): Promise<Slice<CausalEdge>> {
    const ids = this.index.edgeIds;
    const start = after === undefined ? 0 : firstAbove(ids, after);
    const page = ids.slice(start, start + first);
    return { items: page.map((id) => this.edges.get(id)!), hasMore: start + first < ids.length, totalCount: ids.length };
  }

  async listSources(): Promise<readonly Source[]> {
    return [...this.sources.values()].sort(byId);
  }

  async counts(): Promise<{ entities: number; edges: number }> {
    return { entities: this.entities.size, edges: this.index.edgeCount };
  }

  async causalGraph(): Promise<CausalGraph> {
    return this.index;
  }

  async close(): Promise<void> {
    this.log?.close();
  }
}

function byId(a: { id: string }, b: { id: string }): number {
  return compareIds(a.id, b.id);
}

/** Position of the first id that sorts after `id` (ids ascending). */
function firstAbove(ids: readonly string[], id: string): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid] <= id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sliceFrom<T>(all: readonly T[], start: number, first: number): Slice<T> {
  return { items: all.slice(start, start + first), hasMore: start + first < all.length, totalCount: all.length };
}
