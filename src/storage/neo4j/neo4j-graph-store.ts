import { ChangeFanout } from '../../application/change-fanout';
import type { GraphBackend } from '../../application/ports/graph-backend';
import { revisionProblem, type BatchOutcome, type GraphExport, type WriteBatch } from '../../application/ports/graph-bulk.port';
import type { EntitySearch, LongestLists, RankedEntity, Slice } from '../../application/ports/graph-reads.port';
import type { AddEdgeOutcome, IdempotencyKey, ReplaceEdgeOutcome, SaveOutcome } from '../../application/ports/graph-writes.port';
import type { ReplicatedStore } from '../../application/ports/replicated-store.port';
import { changeKindOf, GRAPH_CHANGE_KINDS, type GraphChange, type GraphChangeKind } from '../../domain/model/graph-change.model';
import type { GraphSnapshot } from '../../domain/model/graph-snapshot';
import { isSameCreation, type CausalEdge, type Entity, type RecordRevision, type Source } from '../../domain/model/graph.model';
import type { CausalGraph } from '../../domain/propagation/causal-graph';
import { CausalIndex, compareIds, type IndexChange } from '../../domain/propagation/causal-index';
import type { MatchRank } from '../../domain/search/rank-entity';
import type { CypherQuery } from './cypher/cypher-query';
import {
  allEdges,
  allEdgesCount,
  allEntityIds,
  causalProjection,
  edgeHistories,
  edgesAt,
  edgesByIds,
  linksByIds,
  listEdges,
  listProposed,
  proposedCount,
  quotesCiting,
} from './cypher/edge.cypher';
import { allEntities, countEntityMatches, countGraph, entitiesByIds, entityHistories, searchEntities } from './cypher/entity.cypher';
import { mergeEdges, mergeEntities, mergeSources } from './cypher/import.cypher';
import { bumpGraphVersion, graphVersion, longestLists, schemaStatements } from './cypher/schema.cypher';
import { allSources, mergeSourceTexts, sourceHistories, sourceRevision, sourcesByIds, sourceTexts } from './cypher/source.cypher';
import { RollBack, type Neo4jGateway, type Row } from './neo4j-gateway';
import {
  activeTwin,
  changesSince,
  doubledClaims,
  edgeRevision,
  edgeRevisions,
  entityRevision,
  entityRevisions,
  idempotentEdge,
  lockAndBumpVersion,
  logChange,
  rememberIdempotencyKey,
  expireIdempotencyKeys,
  sourceById,
} from './cypher/write.cypher';
import { toEdge, toEntity, toHistory, toLink, toSource } from './neo4j-records';

const IMPORT_BATCH = 2_000;
/** Bulk work (an import batch, loading the projection) may take longer than a request. */
const BULK_TIMEOUT_MS = 600_000;
/** Past this many changes behind, a projection reloads whole rather than replay them. */
const CATCH_UP_LIMIT = 1_000;

/**
 * The Neo4j adapter. Records are read from the database on every call (no cache across
 * requests); analyses run in process on a projection of the causal edges (see README,
 * architecture). The projection follows the database write by write: this process's own
 * writes are applied to it as they commit, and writes by other processes are replayed from
 * the change log (GraphChange nodes) when the graph version says it is behind; only a
 * projection further behind than the log reaches is reloaded whole.
 */
export class Neo4jGraphStore implements GraphBackend, ReplicatedStore {
  readonly backend = 'neo4j' as const;
  readonly changes = new ChangeFanout();
  private projection: { version: number; index: CausalIndex } | undefined;
  private catchingUp: Promise<{ version: number; index: CausalIndex }> | undefined;
  /** The newest version this process knows was committed: by its own writes, or told by other replicas. */
  private noted = 0;
  /** Whether reads take `noted` as the graph's version instead of asking the database (cluster mode, while events flow). */
  private trustNoted = false;
  /** The longest lists at a graph version (the cost model asks for them when an operation names such a list). */
  private longest: { version: string; value: Omit<LongestLists, 'degree'> } | undefined;
  private readonly commitListeners = new Set<(change: GraphChange, index: IndexChange) => void>();

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
    const texts = [...(snapshot.texts ?? [])].flatMap(([id, text]) => {
      const sha256 = snapshot.sources.find((s) => s.id === id)?.textSha256;
      return sha256 ? [{ sha256, text }] : [];
    });
    if (texts.length > 0) await this.gateway.write((run) => run(mergeSourceTexts(texts)), BULK_TIMEOUT_MS);
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

  async getSourceTexts(ids: readonly string[]): Promise<ReadonlyArray<string | undefined>> {
    const rows = await this.gateway.query(sourceTexts(ids));
    const byId = new Map(rows.map((r) => [r.id as string, r.text as string]));
    return ids.map((id) => byId.get(id));
  }

  async quotesCiting(sourceId: string): Promise<ReadonlyArray<{ edgeId: string; quote: string }>> {
    const rows = await this.gateway.query(quotesCiting(sourceId));
    return rows.flatMap((r) =>
      (r.sourceIds as string[]).flatMap((id, i) =>
        id === sourceId ? [{ edgeId: r.edgeId as string, quote: (r.quotes as string[])[i] }] : [],
      ),
    );
  }

  async listProposed(first: number, after?: readonly [string, string]): Promise<Slice<CausalEdge>> {
    const [rows, total] = await this.gateway.read(async (run) => [
      await run(listProposed(first, after)),
      ((await run(proposedCount()))[0]?.total as number | undefined) ?? 0,
    ]);
    return sliceOf(
      rows.map((r) => toEdge(r.edge as Row)),
      first,
      total,
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

  async getEdgeHistories(ids: readonly string[]): Promise<ReadonlyArray<readonly RecordRevision[]>> {
    const rows = await this.gateway.query(edgeHistories(ids));
    const byId = new Map(rows.map((r) => [r.id as string, toHistory(r.historyJson)]));
    return ids.map((id) => byId.get(id) ?? []);
  }

  async getEntityHistories(ids: readonly string[]): Promise<ReadonlyArray<readonly RecordRevision[]>> {
    const rows = await this.gateway.query(entityHistories(ids));
    const byId = new Map(rows.map((r) => [r.id as string, toHistory(r.historyJson)]));
    return ids.map((id) => byId.get(id) ?? []);
  }

  async getSourceHistories(ids: readonly string[]): Promise<ReadonlyArray<readonly RecordRevision[]>> {
    const rows = await this.gateway.query(sourceHistories(ids));
    const byId = new Map(rows.map((r) => [r.id as string, toHistory(r.historyJson)]));
    return ids.map((id) => byId.get(id) ?? []);
  }

  /** Read once per graph version (one round trip), then answered from memory; the degree from the projection. */
  async longestLists(): Promise<LongestLists> {
    const version = await this.graphVersion();
    if (this.longest?.version !== version) {
      const [row] = await this.gateway.query(longestLists());
      this.longest = { version, value: { history: Number(row.history), quotes: Number(row.quotes) } };
    }
    return { degree: (await this.causalGraph()).largestDegree, ...this.longest.value };
  }

  async counts(): Promise<{ entities: number; edges: number }> {
    const [row] = await this.gateway.query(countGraph());
    return { entities: row.entities as number, edges: row.edges as number };
  }

  async graphVersion(): Promise<string> {
    if (this.trustNoted) return String(Math.max(this.noted, this.projection?.version ?? 0));
    return String(await this.readVersion());
  }

  /**
   * The projection at the graph's current version. One small query reads the version (or,
   * in a cluster whose change events flow, the newest version noted from them); a
   * projection that is behind replays the changes since (concurrent callers share one
   * catch-up).
   */
  async causalGraph(): Promise<CausalGraph> {
    const version = this.trustNoted ? this.noted : await this.readVersion();
    if (this.projection && this.projection.version >= version) return this.projection.index.graph;
    this.catchingUp ??= this.catchUp(version).finally(() => (this.catchingUp = undefined));
    return (await this.catchingUp).index.graph;
  }

  async changesSince(afterVersion: number, limit: number): Promise<GraphChange[]> {
    const rows = await this.gateway.query(changesSince(afterVersion, limit));
    return rows.map((r) => {
      const kind = r.kind as GraphChangeKind;
      return {
        version: String(r.version),
        kind: GRAPH_CHANGE_KINDS.includes(kind) ? kind : 'IMPORTED',
        at: r.at as string,
        ...(r.edgeId != null ? { edgeId: r.edgeId as string } : {}),
        ...(r.entityId != null ? { entityId: r.entityId as string } : {}),
        ...(r.sourceId != null ? { sourceId: r.sourceId as string } : {}),
      };
    });
  }

  noteVersion(version: number, index?: IndexChange): void {
    const projection = this.projection;
    // The event's change is exactly what that version did: applied on the version just
    // before it, it gives the writer's projection. Mid catch-up, the log replay covers it.
    if (index && projection && !this.catchingUp && projection.version === version - 1) {
      projection.index.apply(index);
      projection.version = version;
    }
    this.noted = Math.max(this.noted, version);
  }

  trustNotedVersions(on: boolean): void {
    this.trustNoted = on;
  }

  async refresh(): Promise<number> {
    const version = await this.readVersion();
    this.noteVersion(version);
    if (!this.projection || this.projection.version < version) {
      this.catchingUp ??= this.catchUp(version).finally(() => (this.catchingUp = undefined));
      await this.catchingUp;
    }
    return version;
  }

  onCommit(listener: (change: GraphChange, index: IndexChange) => void): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  private async readVersion(): Promise<number> {
    const [row] = await this.gateway.query(graphVersion());
    const version = row.version as number;
    this.noted = Math.max(this.noted, version);
    return version;
  }

  /** Loads the projection: what "ready" waits for, so the first query does not pay for it. */
  async start(): Promise<void> {
    await this.causalGraph();
  }

  async saveEntity(entity: Entity, revision: RecordRevision, expectedRevision: number | null): Promise<SaveOutcome<Entity>> {
    return this.write<SaveOutcome<Entity>>('ENTITY_UPSERTED', { entityId: entity.id }, async (run) => {
      const [current] = await run(entityRevision(entity.id));
      const stored = (current?.revision as number | null | undefined) ?? null;
      if (stored !== expectedRevision) throw new RollBack({ kind: 'stale', currentRevision: stored });
      const [history] = await this.historiesIn(run, entityHistories, [entity.id]);
      await run(mergeEntities([{ entity, history: [...history, revision] }]));
      return { outcome: { kind: 'saved', record: { ...entity, revision: revision.revision } }, change: { entities: [entity.id] } };
    });
  }

  async addSource(source: Source, revision: RecordRevision, text?: string): Promise<{ created: boolean; current: Source }> {
    return this.write<{ created: boolean; current: Source }>('SOURCE_ADDED', { sourceId: source.id }, async (run) => {
      const [existing] = await run(sourceById(source.id));
      if (existing) throw new RollBack({ created: false, current: toSource(existing.source as Row) });
      if (text !== undefined && source.textSha256) await run(mergeSourceTexts([{ sha256: source.textSha256, text }]));
      await run(mergeSources([{ source, history: [revision] }]));
      return { outcome: { created: true, current: { ...source, revision: revision.revision } }, change: {} };
    });
  }

  async saveSource(source: Source, revision: RecordRevision, expectedRevision: number, text?: string): Promise<SaveOutcome<Source>> {
    return this.write<SaveOutcome<Source>>('SOURCE_UPDATED', { sourceId: source.id }, async (run) => {
      const [current] = await run(sourceRevision(source.id));
      const stored = (current?.revision as number | null | undefined) ?? null;
      if (stored !== expectedRevision) throw new RollBack({ kind: 'stale', currentRevision: stored });
      if (text !== undefined && source.textSha256) await run(mergeSourceTexts([{ sha256: source.textSha256, text }]));
      const [history] = await this.historiesIn(run, sourceHistories, [source.id]);
      await run(mergeSources([{ source, history: [...history, revision] }]));
      return { outcome: { kind: 'saved', record: { ...source, revision: revision.revision } }, change: {} };
    });
  }

  async addEdge(edge: CausalEdge, revision: RecordRevision, idempotencyKey?: IdempotencyKey, supersedes?: string): Promise<AddEdgeOutcome> {
    const outcome = await this.write<AddEdgeOutcome | { kind: 'replay-of'; id: string }>('EDGE_ADDED', { edgeId: edge.id }, async (run) => {
      if (idempotencyKey !== undefined) {
        await run(expireIdempotencyKeys(idempotencyKey.expiresBefore));
        const [seen] = await run(idempotentEdge(idempotencyKey.key));
        if (seen) {
          const same = seen.payloadDigest === idempotencyKey.payloadDigest || seen.payloadDigest == null;
          throw new RollBack(same ? { kind: 'replay-of', id: seen.edgeId as string } : { kind: 'key-reused' });
        }
      }
      // The id is taken: by this very creation when the driver retries a commit it did not
      // hear back from (then the write is done), else by someone else's edge.
      const [stored] = await run(edgesByIds([edge.id]));
      if (stored)
        throw new RollBack(isSameCreation(toEdge(stored.edge as Row), edge) ? { kind: 'replay-of', id: edge.id } : { kind: 'id-taken' });
      if (edge.status === 'ACTIVE' || edge.status === 'PROPOSED') {
        const [twin] = await run(activeTwin(edge));
        if (twin && !(edge.status === 'PROPOSED' && twin.id === supersedes)) {
          throw new RollBack({ kind: 'duplicate', existingId: twin.id as string });
        }
      }
      await run(mergeEdges([{ ...edge, history: [revision] }]));
      if (idempotencyKey !== undefined)
        await run(rememberIdempotencyKey(idempotencyKey.key, edge.id, idempotencyKey.payloadDigest, edge.createdAt));
      return { outcome: { kind: 'created', edge }, change: indexChangeFor(edge) };
    });
    if (outcome.kind !== 'replay-of') return outcome;
    const [replayed] = await this.getEdges([outcome.id]);
    return { kind: 'replayed', edge: replayed! };
  }

  async replaceEdge(next: CausalEdge, revision: RecordRevision, expectedRevision: number): Promise<ReplaceEdgeOutcome> {
    return this.replaceEdges([{ next, revision, expectedRevision }]);
  }

  async replaceEdges(
    changes: ReadonlyArray<{ readonly next: CausalEdge; readonly revision: RecordRevision; readonly expectedRevision: number }>,
  ): Promise<ReplaceEdgeOutcome> {
    const first = changes[0];
    // The change log names one edge per version: a change to several is logged as an import,
    // so another process's projection reloads rather than replay half of it.
    const kind: GraphChangeKind = changes.length > 1 ? 'IMPORTED' : changeKindOf(first.revision);
    return this.write<ReplaceEdgeOutcome>(kind, { edgeId: first.next.id }, async (run) => {
      for (const { next, expectedRevision } of changes) {
        const [current] = await run(edgeRevision(next.id));
        if (!current) throw new RollBack({ kind: 'missing' });
        if (current.revision !== expectedRevision) throw new RollBack({ kind: 'stale', currentRevision: current.revision as number });
      }
      const ordered = [...changes].sort((a, b) => Number(a.next.status === 'ACTIVE') - Number(b.next.status === 'ACTIVE'));
      const change: { upsert: ReturnType<typeof toLinkFromEdge>[]; remove: string[] } = { upsert: [], remove: [] };
      for (const { next, revision } of ordered) {
        if (next.status === 'ACTIVE') {
          const [twin] = await run(activeTwin(next));
          if (twin) throw new RollBack({ kind: 'duplicate', existingId: twin.id as string });
        }
        const [history] = await this.historiesIn(run, edgeHistories, [next.id]);
        await run(mergeEdges([{ ...next, history: [...history, revision] }]));
        if (INDEXED_STATUSES.has(next.status)) change.upsert.push(toLinkFromEdge(next));
        else change.remove.push(next.id);
      }
      return { outcome: { kind: 'replaced', edge: first.next }, change };
    });
  }

  /** One transaction: revisions checked first, records merged in UNWIND batches, claims checked last. */
  async applyBatch(batch: WriteBatch): Promise<BatchOutcome> {
    return this.write<BatchOutcome>('IMPORTED', {}, async (run) => {
      const expectedEntities = new Map(batch.entities.map(({ entity, expectedRevision }) => [entity.id, expectedRevision]));
      for (const part of chunks([...expectedEntities.keys()])) {
        for (const row of await run(entityRevisions(part))) {
          const problem = revisionProblem((row.revision as number | null) ?? null, expectedEntities.get(row.id as string)!);
          if (problem) throw new RollBack({ kind: 'refused', recordId: row.id as string, reason: `entity ${problem}` });
        }
      }
      const expected = new Map(batch.edges.map(({ edge, expectedRevision }) => [edge.id, expectedRevision]));
      for (const part of chunks([...expected.keys()])) {
        for (const row of await run(edgeRevisions(part))) {
          const problem = revisionProblem((row.revision as number | null) ?? null, expected.get(row.id as string)!);
          if (problem) throw new RollBack({ kind: 'refused', recordId: row.id as string, reason: problem });
        }
      }
      for (const part of chunks(batch.sources)) {
        for (const { source } of part) {
          const [existing] = await run(sourceById(source.id));
          if (existing) throw new RollBack({ kind: 'refused', recordId: source.id, reason: 'source exists already' });
        }
        const texts = part.flatMap(({ source, text }) =>
          text !== undefined && source.textSha256 ? [{ sha256: source.textSha256, text }] : [],
        );
        if (texts.length > 0) await run(mergeSourceTexts(texts));
        await run(mergeSources(part.map(({ source, revision }) => ({ source, history: [revision] }))));
      }
      const histories = await this.historiesIn(
        run,
        entityHistories,
        batch.entities.map(({ entity }) => entity.id),
      );
      const entities = batch.entities.map(({ entity, revision }, i) => ({ entity, history: [...histories[i], revision] }));
      for (const part of chunks(entities)) await run(mergeEntities(part));
      for (const part of chunks(batch.edges)) {
        const histories = await this.historiesIn(
          run,
          edgeHistories,
          part.map(({ edge }) => edge.id),
        );
        await run(mergeEdges(part.map(({ edge, revision }, i) => ({ ...edge, history: [...histories[i], revision] }))));
      }
      const claims = batch.edges
        .filter(({ edge }) => edge.status === 'ACTIVE')
        .map(({ edge }) => ({ fromId: edge.fromId, toId: edge.toId, polarity: edge.polarity }));
      for (const part of chunks(claims)) {
        const [doubled] = await run(doubledClaims(part));
        if (doubled) {
          const [a, b] = doubled.ids as string[];
          throw new RollBack({ kind: 'refused', recordId: b, reason: `makes the same claim as active edge ${a}` });
        }
      }
      const change: IndexChange = {
        entities: batch.entities.map(({ entity }) => entity.id),
        upsert: batch.edges.filter(({ edge }) => INDEXED_STATUSES.has(edge.status)).map(({ edge }) => toLinkFromEdge(edge)),
        remove: batch.edges.filter(({ edge }) => !INDEXED_STATUSES.has(edge.status)).map(({ edge }) => edge.id),
      };
      return { outcome: { kind: 'applied' }, change };
    });
  }

  async exportGraph(): Promise<GraphExport> {
    return this.gateway.read(async (run) => ({
      entities: (await run(allEntities())).map((r) => toEntity(r.entity as Row, r.partOf)),
      sources: (await run(allSources())).map((r) => toSource(r.source as Row)),
      edges: (await run(allEdges())).map((r) => ({ ...toEdge(r.edge as Row), history: toHistory((r.edge as Row).historyJson) })),
    }));
  }

  close(): Promise<void> {
    return this.gateway.close();
  }

  /**
   * One write transaction: the version bump takes the graph's write lock first, `work`
   * checks and writes (or rolls back with an answer), and the change log records what
   * changed. After the commit the projection applies the change itself when it was current
   * just before it; otherwise the next read catches up from the log.
   */
  private async write<T>(
    kind: GraphChangeKind,
    ids: { edgeId?: string; entityId?: string; sourceId?: string },
    work: (run: (query: CypherQuery) => Promise<Row[]>) => Promise<{ outcome: T; change: IndexChange }>,
  ): Promise<T> {
    const at = new Date().toISOString();
    const done = await this.gateway.write<{ outcome: T; change: IndexChange; version: number }, T>(async (run) => {
      const [bumped] = await run(lockAndBumpVersion());
      const version = bumped.version as number;
      const result = await work(run);
      await run(logChange(version, kind, ids, at));
      return { ...result, version };
    });
    if (!isCommitted(done)) return done;
    const projection = this.projection;
    if (projection && projection.version === done.version - 1) {
      projection.index.apply(done.change);
      projection.version = done.version;
    }
    this.noted = Math.max(this.noted, done.version);
    const change: GraphChange = { version: String(done.version), kind, at, ...ids };
    this.changes.publish(change);
    for (const listener of [...this.commitListeners]) listener(change, done.change);
    return done.outcome;
  }

  /** Histories read inside a write transaction (entityHistories or edgeHistories), in key order. */
  private async historiesIn(
    run: (query: CypherQuery) => Promise<Row[]>,
    statement: (ids: readonly string[]) => CypherQuery,
    ids: readonly string[],
  ): Promise<RecordRevision[][]> {
    const rows = await run(statement(ids));
    const byId = new Map(rows.map((r) => [r.id as string, toHistory(r.historyJson)]));
    return ids.map((id) => byId.get(id) ?? []);
  }

  /**
   * Brings the projection to the database's version: replays the change log since the
   * projection's version (reading the current state of each changed edge), or loads every
   * edge when there is no projection yet or it is further behind than the log reaches.
   */
  private async catchUp(target: number): Promise<{ version: number; index: CausalIndex }> {
    const current = this.projection;
    if (current) {
      const changes = await this.gateway.query(changesSince(current.version, CATCH_UP_LIMIT + 1));
      // Replayable: every version from the projection's to the target is in the log, and
      // none is an import (whose changes are too many to list).
      const contiguous =
        changes.length <= CATCH_UP_LIMIT &&
        changes.every((c, i) => (c.version as number) === current.version + i + 1) &&
        ((changes.at(-1)?.version as number | undefined) ?? current.version) >= target;
      if (contiguous && changes.length > 0 && !changes.some((c) => c.kind === 'IMPORTED')) {
        const edgeIds = [...new Set(changes.map((c) => c.edgeId as string | null).filter((id): id is string => id !== null))];
        const entityIds = [...new Set(changes.map((c) => c.entityId as string | null).filter((id): id is string => id !== null))];
        const rows = edgeIds.length > 0 ? await this.gateway.query(linksByIds(edgeIds)) : [];
        const indexed = rows.filter((r) => INDEXED_STATUSES.has(r.status as string)).map(toLink);
        const kept = new Set(indexed.map((l) => l.id));
        current.index.apply({
          entities: [...entityIds, ...indexed.flatMap((l) => [l.fromId, l.toId])],
          upsert: indexed,
          remove: edgeIds.filter((id) => !kept.has(id)),
        });
        current.version = Math.max(current.version, changes.at(-1)!.version as number);
        return current;
      }
    }
    return this.loadProjection();
  }

  private async loadProjection(): Promise<{ version: number; index: CausalIndex }> {
    // Version first: data read after it is at least as new, so a write in between only
    // causes one more catch-up later, never a stale projection under a newer version.
    const projection = await this.gateway.read(async (run) => {
      const version = (await run(graphVersion()))[0].version as number;
      const ids = (await run(allEntityIds())).map((r) => r.id as string);
      const links = (await run(causalProjection())).map(toLink);
      return { version, index: CausalIndex.build(ids, links) };
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

const INDEXED_STATUSES: ReadonlySet<string> = new Set(['ACTIVE', 'PROPOSED']);

function toLinkFromEdge(edge: CausalEdge) {
  return {
    id: edge.id,
    fromId: edge.fromId,
    toId: edge.toId,
    polarity: edge.polarity,
    weight: edge.weight,
    lagDays: edge.lagDays,
    confidence: edge.confidence,
    proposed: edge.status === 'PROPOSED',
  };
}

/** The index change an edge's new state makes: in the index while active or proposed, out of it otherwise. */
function indexChangeFor(edge: CausalEdge): IndexChange {
  return INDEXED_STATUSES.has(edge.status) ? { upsert: [toLinkFromEdge(edge)] } : { remove: [edge.id] };
}

/** Whether the gateway's write committed (rather than rolling back with an answer). */
function isCommitted<T, R>(result: { outcome: T; version: number } | R): result is { outcome: T; change: IndexChange; version: number } {
  return typeof result === 'object' && result !== null && 'version' in result && 'change' in result && 'outcome' in result;
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
