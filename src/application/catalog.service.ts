import { InvalidArgumentError } from '../domain/errors';
import { LIMITS, requireInRange } from '../domain/limits/argument-limits';
import { ENTITY_KINDS, type CausalEdge, type Entity, type EntityKind, type RecordRevision, type Source } from '../domain/model/graph.model';
import { decodeCursor, encodeCursor, type Page } from '../domain/paging/cursor';
import { foldText } from '../domain/search/fold-text';
import type { GraphReads, LongestLists } from './ports/graph-reads.port';

export interface EntityQuery {
  readonly search?: string | null;
  readonly kinds?: readonly EntityKind[] | null;
  readonly first: number;
  readonly after?: string | null;
}

/**
 * Reads of the graph's records: look-ups (one at a time and in batches, for the per-request
 * loaders), search and pages.
 */
export class CatalogService {
  constructor(private readonly reads: GraphReads) {}

  async entity(id: string): Promise<Entity | undefined> {
    return (await this.reads.getEntities([id]))[0];
  }

  async edge(id: string): Promise<CausalEdge | undefined> {
    return (await this.reads.getEdges([id]))[0];
  }

  sources(): Promise<readonly Source[]> {
    return this.reads.listSources();
  }

  // The sizes of lists writers grow, for the cost model (graphql/limits.ts).
  async sourceCount(): Promise<number> {
    return (await this.reads.listSources()).length;
  }

  longestLists(): Promise<LongestLists> {
    return this.reads.longestLists();
  }

  // Batches, in key order (undefined for a missing key): what a whole level of a nested query asks for.
  entitiesByIds(ids: readonly string[]): Promise<ReadonlyArray<Entity | undefined>> {
    return this.reads.getEntities(ids);
  }

  edgesByIds(ids: readonly string[]): Promise<ReadonlyArray<CausalEdge | undefined>> {
    return this.reads.getEdges(ids);
  }

  sourcesByIds(ids: readonly string[]): Promise<ReadonlyArray<Source | undefined>> {
    return this.reads.getSources(ids);
  }

  outgoingOf(entityIds: readonly string[]): Promise<ReadonlyArray<readonly CausalEdge[]>> {
    return this.reads.getOutgoing(entityIds);
  }

  incomingOf(entityIds: readonly string[]): Promise<ReadonlyArray<readonly CausalEdge[]>> {
    return this.reads.getIncoming(entityIds);
  }

  edgeHistories(ids: readonly string[]): Promise<ReadonlyArray<readonly RecordRevision[]>> {
    return this.reads.getEdgeHistories(ids);
  }

  entityHistories(ids: readonly string[]): Promise<ReadonlyArray<readonly RecordRevision[]>> {
    return this.reads.getEntityHistories(ids);
  }

  sourceHistories(ids: readonly string[]): Promise<ReadonlyArray<readonly RecordRevision[]>> {
    return this.reads.getSourceHistories(ids);
  }

  async entities(query: EntityQuery): Promise<Page<Entity>> {
    requireInRange('first', query.first, LIMITS.entities.first);
    for (const kind of query.kinds ?? []) {
      if (!ENTITY_KINDS.includes(kind)) throw new InvalidArgumentError('kinds', `must be among ${ENTITY_KINDS.join(', ')}`);
    }
    const after = query.after != null ? decodeCursor('after', query.after, ['number', 'string']) : undefined;
    const folded = query.search != null ? foldText(query.search) : '';
    const slice = await this.reads.searchEntities({
      foldedQuery: folded === '' ? undefined : folded,
      kinds: query.kinds ?? undefined,
      first: query.first,
      after,
    });
    const cursors = slice.items.map((r) => encodeCursor([r.rank, r.entity.id]));
    return {
      nodes: slice.items.map((r) => r.entity),
      cursors,
      hasNextPage: slice.hasMore,
      hasPreviousPage: after !== undefined,
      endCursor: cursors.at(-1) ?? null,
      totalCount: slice.totalCount,
    };
  }

  /** PROPOSED edges awaiting review, oldest first. */
  async reviewQueue(first: number, after?: string | null): Promise<Page<CausalEdge>> {
    requireInRange('first', first, LIMITS.reviewQueue.first);
    const key = after != null ? (decodeCursor('after', after, ['string', 'string']) as [string, string]) : undefined;
    const slice = await this.reads.listProposed(first, key);
    const cursors = slice.items.map((e) => encodeCursor([e.createdAt, e.id]));
    return {
      nodes: slice.items,
      cursors,
      hasNextPage: slice.hasMore,
      hasPreviousPage: after != null,
      endCursor: cursors.at(-1) ?? null,
      totalCount: slice.totalCount,
    };
  }

  /** Per source id, its text (undefined without one). */
  sourceTexts(ids: readonly string[]): Promise<ReadonlyArray<string | undefined>> {
    return this.reads.getSourceTexts(ids);
  }

  async edges(first: number, after?: string | null): Promise<Page<CausalEdge>> {
    requireInRange('first', first, LIMITS.edges.first);
    const key = after != null ? (decodeCursor('after', after, ['string'])[0] as string) : undefined;
    const slice = await this.reads.listEdges(first, key);
    const cursors = slice.items.map((edge) => encodeCursor([edge.id]));
    return {
      nodes: slice.items,
      cursors,
      hasNextPage: slice.hasMore,
      hasPreviousPage: key !== undefined,
      endCursor: cursors.at(-1) ?? null,
      totalCount: slice.totalCount,
    };
  }
}
