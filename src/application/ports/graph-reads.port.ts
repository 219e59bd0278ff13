import type { CausalEdge, Entity, EntityKind, RecordRevision, Source } from '../../domain/model/graph.model';
import type { CursorKey } from '../../domain/paging/cursor';
import type { MatchRank } from '../../domain/search/rank-entity';

export interface EntitySearch {
  /** Folded with `foldText`; absent or empty: every entity, ranked equal. */
  readonly foldedQuery?: string;
  readonly kinds?: readonly EntityKind[];
  readonly first: number;
  /** Key `[rank, id]` of the last entity of the previous page. */
  readonly after?: CursorKey;
}

export interface RankedEntity {
  readonly entity: Entity;
  readonly rank: MatchRank;
}

/** The longest lists writers have grown, as the GraphQL fields answer them. */
export interface LongestLists {
  /** The most edges one entity has, outgoing or incoming (as getOutgoing counts them). */
  readonly degree: number;
  /** The most revisions one record (entity, source or edge) has. */
  readonly history: number;
  /** The most quotes one edge has. */
  readonly quotes: number;
}

export interface Slice<T> {
  readonly items: readonly T[];
  readonly hasMore: boolean;
  readonly totalCount: number;
}

/**
 * Reads of the graph's records, as the catalog and the GraphQL loaders need them.
 *
 * Batch methods take many keys and answer in key order (`undefined` for a missing key),
 * so one call serves a whole level of a nested query. Adapters may be remote: every
 * method is async and may fail with an infrastructure error (storage/store-errors).
 */
export interface GraphReads {
  getEntities(ids: readonly string[]): Promise<ReadonlyArray<Entity | undefined>>;
  getEdges(ids: readonly string[]): Promise<ReadonlyArray<CausalEdge | undefined>>;
  getSources(ids: readonly string[]): Promise<ReadonlyArray<Source | undefined>>;
  /** Per source id, its full text (undefined for a source without text, or no such source). */
  getSourceTexts(ids: readonly string[]): Promise<ReadonlyArray<string | undefined>>;
  /** Every quote citing the source on an ACTIVE or PROPOSED edge, by edge id (a text is checked against them before it replaces another). */
  quotesCiting(sourceId: string): Promise<ReadonlyArray<{ readonly edgeId: string; readonly quote: string }>>;
  /** PROPOSED edges, oldest first (createdAt, then id), after the key `[createdAt, id]`. */
  listProposed(first: number, after?: readonly [string, string]): Promise<Slice<CausalEdge>>;
  /** Per entity id, its outgoing causal edges (every status but RETRACTED and REJECTED) in id order. */
  getOutgoing(entityIds: readonly string[]): Promise<ReadonlyArray<readonly CausalEdge[]>>;
  /** Per entity id, its incoming causal edges (as getOutgoing) in id order. */
  getIncoming(entityIds: readonly string[]): Promise<ReadonlyArray<readonly CausalEdge[]>>;
  /** The longest of the lists that writers grow, for the cost model (upper bounds: never an under-count). */
  longestLists(): Promise<LongestLists>;
  /** Per edge id, its revisions, oldest first. */
  getEdgeHistories(ids: readonly string[]): Promise<ReadonlyArray<readonly RecordRevision[]>>;
  /** Per entity id, its revisions, oldest first. */
  getEntityHistories(ids: readonly string[]): Promise<ReadonlyArray<readonly RecordRevision[]>>;
  /** Per source id, its revisions, oldest first. */
  getSourceHistories(ids: readonly string[]): Promise<ReadonlyArray<readonly RecordRevision[]>>;

  /** Matching entities ordered by rank, then id (see domain/search). */
  searchEntities(search: EntitySearch): Promise<Slice<RankedEntity>>;
  /** Active causal edges ordered by id, after the edge id `after`. */
  listEdges(first: number, after?: string): Promise<Slice<CausalEdge>>;
  /** Every source, ordered by id. */
  listSources(): Promise<readonly Source[]>;
  /** Entities, and active causal edges. */
  counts(): Promise<{ entities: number; edges: number }>;
}
