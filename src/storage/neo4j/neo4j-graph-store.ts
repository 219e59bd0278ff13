import type { GraphSnapshot } from '../../domain/model/graph-snapshot';
import { isSameCreation, type CausalEdge, type Entity, type Source } from '../../domain/model/graph.model';
import { CausalGraph, compareIds } from '../../domain/propagation/causal-graph';
import type { MatchRank } from '../../domain/search/rank-entity';
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
import type { CypherQuery } from './cypher/cypher-query';
import { allEdges, allEdgesCount, allEntityIds, causalProjection, edgesAt, edgesByIds, listEdges } from './cypher/edge.cypher';
import { allEntities, countEntityMatches, countGraph, entitiesByIds, searchEntities } from './cypher/entity.cypher';
import { mergeEdges, mergeEntities, mergeSources } from './cypher/import.cypher';
import { bumpGraphVersion, graphVersion, schemaStatements } from './cypher/schema.cypher';
import { allSources, sourcesByIds } from './cypher/source.cypher';
import { RollBack, type Neo4jGateway, type Row } from './neo4j-gateway';
import {
  activeTwin,
  doubledClaims,
  edgeRevision,
  edgeRevisions,
  idempotentEdge,
  lockAndBumpVersion,
  rememberIdempotencyKey,
  sourceById,
} from './cypher/write.cypher';
import { toEdge, toEntity, toLink, toSource } from './neo4j-records';

const IMPORT_BATCH = 2_000;
/** Bulk work (an import batch, loading the projection) may take longer than a request. */
const BULK_TIMEOUT_MS = 600_000;

/**
 * The Neo4j adapter. Records are read from the database on every call (no cache across
 * requests); propagation runs in process on a projection of the causal edges, reloaded
 * whenever the graph's version has moved since it was built (see README, architecture).
 */
export class Neo4jGraphStore implements GraphStore {
  readonly backend = 'neo4j' as const;
  private projection: { version: number; graph: CausalGraph } | undefined;
  private loading: Promise<{ version: number; graph: CausalGraph }> | undefined;

  constructor(private readonly gateway: Neo4jGateway) {}

  /** Creates the constraints and indexes the store relies on; safe to run at every start. */
  async ensureSchema(): Promise<void> {
    // Schema statements cannot share a transaction with each other or with data writes.
    for (const statement of schemaStatements()) await this.gateway.write((run) => run(statement));
  }

  /** Upserts a whole snapshot (the seed): sources, entities, then edges, in batches; idempotent. */
  async importSnapshot(snapshot: GraphSnapshot, onProgress?: (done: number, total: number) => void): Promise<void> {
    const total = snapshot.sources.length + snapshot.entities.length + snapshot.edges.length;
    let done = 0;
    const batches: Array<[readonly unknown[], (rows: never[]) => CypherQuery]> = [
      [snapshot.sources, mergeSources],
      [snapshot.entities, mergeEntities],
      [snapshot.edges, mergeEdges],
    ];
    for (const [records, build] of batches) {
      for (let i = 0; i < records.length; i += IMPORT_BATCH) {
        const batch = records.slice(i, i + IMPORT_BATCH) as never[];
        await this.gateway.write((run) => run(build(batch)), BULK_TIMEOUT_MS);
        done += batch.length;
        onProgress?.(done, total);
      }
    }
    await this.gateway.write((run) => run(bumpGraphVersion()));
  }

  async getEntities(ids: readonly string[]): Promise<ReadonlyArray<Entity | undefined>> {
    const rows = await this.gateway.query(entitiesByIds(ids));
    return inKeyOrder(
      ids,
      rows.map((r) => toEntity(r.entity as Row, r.partOf)),
    );
  }

  async getEdges(ids: readonly string[]): Promise<ReadonlyArray<CausalEdge | undefined>> {
    const rows = await this.gateway.query(edgesByIds(ids));
    return inKeyOrder(
      ids,
      rows.map((r) => toEdge(r.edge as Row)),
    );
  }

  async getSources(ids: readonly string[]): Promise<ReadonlyArray<Source | undefined>> {
    const rows = await this.gateway.query(sourcesByIds(ids));
    return inKeyOrder(
      ids,
      rows.map((r) => toSource(r.source as Row)),
    );
  }

  getOutgoing(entityIds: readonly string[]): Promise<ReadonlyArray<readonly CausalEdge[]>> {
    return this.edgesAt('out', entityIds);
  }

  getIncoming(entityIds: readonly string[]): Promise<ReadonlyArray<readonly CausalEdge[]>> {
    return this.edgesAt('in', entityIds);
  }

  async searchEntities(search: EntitySearch): Promise<Slice<RankedEntity>> {
    const [rows, total] = await this.gateway.read(async (run) => [
      await run(searchEntities(search)),
      (await run(countEntityMatches(search)))[0].total as number,
    ]);
    return sliceOf(
      rows.map((r) => ({ entity: toEntity(r.entity as Row, r.partOf), rank: r.rank as MatchRank })),
      search.first,
      total,
    );
  }

  async listEdges(first: number, after?: string): Promise<Slice<CausalEdge>> {
    const [rows, total] = await this.gateway.read(async (run) => [
      await run(listEdges(first, after)),
      (await run(allEdgesCount()))[0].total as number,
    ]);
    return sliceOf(
      rows.map((r) => toEdge(r.edge as Row)),
      first,
      total,
    );
  }

  async listSources(): Promise<readonly Source[]> {
    return (await this.gateway.query(allSources())).map((r) => toSource(r.source as Row));
  }

  async counts(): Promise<{ entities: number; edges: number }> {
    const [row] = await this.gateway.query(countGraph());
    return { entities: row.entities as number, edges: row.edges as number };
  }

  async graphVersion(): Promise<string> {
    const [row] = await this.gateway.query(graphVersion());
    return String(row.version);
  }

  /**
   * The projection for the graph's current version. One small query checks the version;
   * the edges are reloaded only when it moved. Concurrent callers share one reload.
   */
  async causalGraph(): Promise<CausalGraph> {
    const [row] = await this.gateway.query(graphVersion());
    const version = row.version as number;
    if (this.projection?.version === version) return this.projection.graph;
    this.loading ??= this.loadProjection().finally(() => (this.loading = undefined));
    const loaded = await this.loading;
    return loaded.graph;
  }

  async upsertEntity(entity: Entity): Promise<void> {
    await this.gateway.write(async (run) => {
      await run(lockAndBumpVersion());
      await run(mergeEntities([entity]));
    });
  }

  async addSource(source: Source): Promise<{ created: boolean; current: Source }> {
    return this.gateway.write(async (run) => {
      const [existing] = await run(sourceById(source.id));
      if (existing) throw new RollBack({ created: false, current: toSource(existing.source as Row) });
      await run(lockAndBumpVersion());
      await run(mergeSources([source]));
      return { created: true, current: source };
    });
  }

  async addEdge(edge: CausalEdge, idempotencyKey?: string): Promise<AddEdgeOutcome> {
    const outcome = await this.gateway.write<AddEdgeOutcome, AddEdgeOutcome | { kind: 'replay-of'; id: string }>(async (run) => {
      await run(lockAndBumpVersion());
      if (idempotencyKey !== undefined) {
        const [seen] = await run(idempotentEdge(idempotencyKey));
        if (seen) throw new RollBack({ kind: 'replay-of', id: seen.edgeId as string });
      }
      // The id is taken: by this very creation when the driver retries a commit it did not
      // hear back from (then the write is done), else by someone else's edge.
      const [stored] = await run(edgesByIds([edge.id]));
      if (stored)
        throw new RollBack(isSameCreation(toEdge(stored.edge as Row), edge) ? { kind: 'replay-of', id: edge.id } : { kind: 'id-taken' });
      const [twin] = await run(activeTwin(edge));
      if (twin) throw new RollBack({ kind: 'duplicate', existingId: twin.id as string });
      await run(mergeEdges([edge]));
      if (idempotencyKey !== undefined) await run(rememberIdempotencyKey(idempotencyKey, edge.id));
      return { kind: 'created', edge };
    });
    if (outcome.kind !== 'replay-of') return outcome;
    const [replayed] = await this.getEdges([outcome.id]);
    return { kind: 'replayed', edge: replayed! };
  }

  async replaceEdge(next: CausalEdge, expectedRevision: number): Promise<ReplaceEdgeOutcome> {
    return this.gateway.write<ReplaceEdgeOutcome, ReplaceEdgeOutcome>(async (run) => {
      await run(lockAndBumpVersion());
      const [current] = await run(edgeRevision(next.id));
      if (!current) throw new RollBack({ kind: 'missing' });
      if (current.revision !== expectedRevision) throw new RollBack({ kind: 'stale', currentRevision: current.revision as number });
      if (next.status === 'ACTIVE') {
        const [twin] = await run(activeTwin(next));
        if (twin) throw new RollBack({ kind: 'duplicate', existingId: twin.id as string });
      }
      await run(mergeEdges([next]));
      return { kind: 'replaced', edge: next };
    });
  }

  /** One transaction: revisions checked first, records merged in UNWIND batches, claims checked last. */
  async applyBatch(batch: WriteBatch): Promise<BatchOutcome> {
    return this.gateway.write<BatchOutcome, BatchOutcome>(async (run) => {
      await run(lockAndBumpVersion());
      const expected = new Map(batch.edges.map(({ edge, expectedRevision }) => [edge.id, expectedRevision]));
      for (const part of chunks([...expected.keys()])) {
        for (const row of await run(edgeRevisions(part))) {
          const problem = revisionProblem((row.revision as number | null) ?? null, expected.get(row.id as string)!);
          if (problem) throw new RollBack({ kind: 'refused', edgeId: row.id as string, reason: problem });
        }
      }
      for (const part of chunks(batch.sources)) await run(mergeSources(part));
      for (const part of chunks(batch.entities)) await run(mergeEntities(part));
      for (const part of chunks(batch.edges.map((e) => e.edge))) await run(mergeEdges(part));
      const claims = batch.edges
        .filter(({ edge }) => edge.status === 'ACTIVE')
        .map(({ edge }) => ({ fromId: edge.fromId, toId: edge.toId, polarity: edge.polarity }));
      for (const part of chunks(claims)) {
        const [doubled] = await run(doubledClaims(part));
        if (doubled) {
          const [a, b] = doubled.ids as string[];
          throw new RollBack({ kind: 'refused', edgeId: b, reason: `makes the same claim as active edge ${a}` });
        }
      }
      return { kind: 'applied' };
    });
  }

  async exportGraph(): Promise<{ entities: Entity[]; sources: Source[]; edges: CausalEdge[] }> {
    return this.gateway.read(async (run) => ({
      entities: (await run(allEntities())).map((r) => toEntity(r.entity as Row, r.partOf)),
      sources: (await run(allSources())).map((r) => toSource(r.source as Row)),
      edges: (await run(allEdges())).map((r) => toEdge(r.edge as Row)),
    }));
  }

  close(): Promise<void> {
    return this.gateway.close();
  }

  private async loadProjection(): Promise<{ version: number; graph: CausalGraph }> {
    // Version first: data read after it is at least as new, so a write in between only
    // causes one more reload later, never a stale projection under a newer version.
    const projection = await this.gateway.read(async (run) => {
      const version = (await run(graphVersion()))[0].version as number;
      const ids = (await run(allEntityIds())).map((r) => r.id as string);
      const links = (await run(causalProjection())).map(toLink);
      return { version, graph: new CausalGraph(ids, links) };
    }, BULK_TIMEOUT_MS);
    this.projection = projection;
    return projection;
  }

  private async edgesAt(direction: 'out' | 'in', entityIds: readonly string[]): Promise<ReadonlyArray<readonly CausalEdge[]>> {
    const rows = await this.gateway.query(edgesAt(direction, entityIds));
    const byEntity = new Map<string, CausalEdge[]>();
    for (const row of rows) {
      const key = row.key as string;
      const list = byEntity.get(key) ?? [];
      list.push(toEdge(row.edge as Row));
      byEntity.set(key, list);
    }
    return entityIds.map((id) => (byEntity.get(id) ?? []).sort((a, b) => compareIds(a.id, b.id)));
  }
}

function chunks<T>(items: readonly T[], size = IMPORT_BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A page from a query that asked for one row more than `first`: the extra row only says more follow. */
function sliceOf<T>(rows: readonly T[], first: number, totalCount: number): Slice<T> {
  return { items: rows.slice(0, first), hasMore: rows.length > first, totalCount };
}

function inKeyOrder<T extends { id: string }>(ids: readonly string[], records: readonly T[]): Array<T | undefined> {
  const byId = new Map(records.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id));
}
