import type { CausalEdge, Entity, EntityKind, Source } from '../domain/model/graph.model';
import type { CursorKey } from '../domain/paging/cursor';
import type { CausalGraph } from '../domain/propagation/causal-graph';
import type { MatchRank } from '../domain/search/rank-entity';

export type BackendName = 'memory' | 'neo4j';

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

export interface Slice<T> {
  readonly items: readonly T[];
  readonly hasMore: boolean;
  readonly totalCount: number;
}

/**
 * The storage port: everything the application needs from wherever the graph lives.
 *
 * Batch methods take many keys and answer in key order (`undefined` for a missing key),
 * so one call serves a whole level of a nested query. Adapters may be remote: every
 * method is async and may fail with an infrastructure error.
 */
export interface GraphStore {
  readonly backend: BackendName;

  getEntities(ids: readonly string[]): Promise<ReadonlyArray<Entity | undefined>>;
  getEdges(ids: readonly string[]): Promise<ReadonlyArray<CausalEdge | undefined>>;
  getSources(ids: readonly string[]): Promise<ReadonlyArray<Source | undefined>>;
  /** Per entity id, its outgoing causal edges in id order. */
  getOutgoing(entityIds: readonly string[]): Promise<ReadonlyArray<readonly CausalEdge[]>>;
  /** Per entity id, its incoming causal edges in id order. */
  getIncoming(entityIds: readonly string[]): Promise<ReadonlyArray<readonly CausalEdge[]>>;

  /** Matching entities ordered by rank, then id (see domain/search). */
  searchEntities(search: EntitySearch): Promise<Slice<RankedEntity>>;
  /** Causal edges ordered by id, after the edge id `after`. */
  listEdges(first: number, after?: string): Promise<Slice<CausalEdge>>;
  /** Every source, ordered by id. */
  listSources(): Promise<readonly Source[]>;
  counts(): Promise<{ entities: number; edges: number }>;

  /**
   * The compact index propagation runs on, reflecting every write accepted so far.
   * Adapters cache it per graph version; callers must not keep it across requests.
   */
  causalGraph(): Promise<CausalGraph>;
  /**
   * Moves with every accepted write, of any record: two reads under the same version see
   * the same graph. Whole answers are cached under it (see graphql/response-cache.ts).
   */
  graphVersion(): Promise<string>;

  // Writes. Each is atomic and durable when it resolves; checks that must not race (one
  // active edge per claim, the expected revision, idempotency keys) happen inside the write.

  /** Creates or replaces an entity (and its PART_OF link). */
  upsertEntity(entity: Entity): Promise<void>;
  /** Adds a source unless one with that id exists; then answers the existing one. */
  addSource(source: Source): Promise<{ readonly created: boolean; readonly current: Source }>;
  /** Adds a new edge (revision 1), unless the key was seen, the claim is taken or the id is. */
  addEdge(edge: CausalEdge, idempotencyKey?: string): Promise<AddEdgeOutcome>;
  /** Stores the next revision of an edge if its stored revision is still `expectedRevision`. */
  replaceEdge(next: CausalEdge, expectedRevision: number): Promise<ReplaceEdgeOutcome>;
  /** Applies all of a batch or none of it (bulk import). */
  applyBatch(batch: WriteBatch): Promise<BatchOutcome>;
  /** Every record, retracted edges included, in id order: a full export. */
  exportGraph(): Promise<{ entities: Entity[]; sources: Source[]; edges: CausalEdge[] }>;

  close(): Promise<void>;
}

export type AddEdgeOutcome =
  | { readonly kind: 'created'; readonly edge: CausalEdge }
  /** The idempotency key was used before: the edge it created, unchanged. */
  | { readonly kind: 'replayed'; readonly edge: CausalEdge }
  /** An active edge already makes this claim (same from, to and polarity). */
  | { readonly kind: 'duplicate'; readonly existingId: string }
  | { readonly kind: 'id-taken' };

export interface WriteBatch {
  readonly entities: readonly Entity[];
  readonly sources: readonly Source[];
  /** Each edge's new state; `expectedRevision` null means the id must be new. */
  readonly edges: ReadonlyArray<{ readonly edge: CausalEdge; readonly expectedRevision: number | null }>;
}

export type BatchOutcome =
  | { readonly kind: 'applied' }
  /** Nothing was written: the graph moved under the batch (a revision changed, an id was taken, a claim is doubled). */
  | { readonly kind: 'refused'; readonly edgeId: string; readonly reason: string };

/** Why an edge's stored revision does not fit the one a batch expects; undefined when it does. */
export function revisionProblem(stored: number | null, expected: number | null): string | undefined {
  if (stored === expected) return undefined;
  if (expected === null) return 'is taken by an existing edge';
  return stored === null ? 'no longer exists' : `is at revision ${stored}, not ${expected}`;
}

export type ReplaceEdgeOutcome =
  | { readonly kind: 'replaced'; readonly edge: CausalEdge }
  | { readonly kind: 'stale'; readonly currentRevision: number }
  | { readonly kind: 'missing' }
  | { readonly kind: 'duplicate'; readonly existingId: string };
