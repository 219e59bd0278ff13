import type { GraphSnapshot } from '../../domain/model/graph-snapshot';
import type { CausalEdge, Entity, Source } from '../../domain/model/graph.model';
import { CausalGraph, compareIds } from '../../domain/propagation/causal-graph';
import { rankTerms, searchTerms, type MatchRank } from '../../domain/search/rank-entity';
import type { EntitySearch, GraphStore, RankedEntity, Slice } from '../graph-store.port';

/**
 * The embedded default: the whole graph in process memory, loaded from a snapshot (the
 * seed). Needs no database; reads are map look-ups.
 */
export class MemoryGraphStore implements GraphStore {
  readonly backend = 'memory' as const;
  private readonly entities = new Map<string, Entity>();
  private readonly edges = new Map<string, CausalEdge>();
  private readonly sources = new Map<string, Source>();
  private readonly outgoing = new Map<string, CausalEdge[]>();
  private readonly incoming = new Map<string, CausalEdge[]>();
  private readonly terms = new Map<string, string[]>();
  private readonly sortedEntities: Entity[];
  private readonly sortedEdges: CausalEdge[];
  private readonly index: CausalGraph;

  constructor(snapshot: GraphSnapshot) {
    for (const s of snapshot.sources) this.sources.set(s.id, s);
    for (const e of snapshot.entities) {
      this.entities.set(e.id, e);
      this.terms.set(e.id, searchTerms(e));
    }
    for (const edge of snapshot.edges) {
      this.edges.set(edge.id, edge);
      push(this.outgoing, edge.fromId, edge);
      push(this.incoming, edge.toId, edge);
    }
    for (const list of [...this.outgoing.values(), ...this.incoming.values()]) list.sort(byId);
    this.sortedEntities = [...this.entities.values()].sort(byId);
    this.sortedEdges = [...this.edges.values()].sort(byId);
    // Built at load, not on the first query: ready means ready to propagate.
    this.index = new CausalGraph(this.entities.keys(), this.edges.values());
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
    return entityIds.map((id) => this.outgoing.get(id) ?? []);
  }

  async getIncoming(entityIds: readonly string[]): Promise<ReadonlyArray<readonly CausalEdge[]>> {
    return entityIds.map((id) => this.incoming.get(id) ?? []);
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
    const start = after === undefined ? 0 : firstAbove(this.sortedEdges, after);
    return sliceFrom(this.sortedEdges, start, first);
  }

  async listSources(): Promise<readonly Source[]> {
    return [...this.sources.values()].sort(byId);
  }

  async counts(): Promise<{ entities: number; edges: number }> {
    return { entities: this.entities.size, edges: this.edges.size };
  }

  async causalGraph(): Promise<CausalGraph> {
    return this.index;
  }

  async close(): Promise<void> {}
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function byId(a: { id: string }, b: { id: string }): number {
  return compareIds(a.id, b.id);
}

/** Position of the first record whose id sorts after `id` (records sorted by id). */
function firstAbove(records: readonly { id: string }[], id: string): number {
  let lo = 0;
  let hi = records.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (records[mid].id <= id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sliceFrom<T>(all: readonly T[], start: number, first: number): Slice<T> {
  return { items: all.slice(start, start + first), hasMore: start + first < all.length, totalCount: all.length };
}
