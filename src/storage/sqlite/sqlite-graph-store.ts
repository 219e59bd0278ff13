import Database, { type Database as Db, type Statement } from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ChangeFanout } from '../../application/change-fanout';
import { Worker } from 'node:worker_threads';
import type { CausalIndexSource } from '../../application/ports/causal-index.port';
import type { GraphBackend } from '../../application/ports/graph-backend';
import { revisionProblem, type BatchOutcome, type GraphExport, type WriteBatch } from '../../application/ports/graph-bulk.port';
import type { EntitySearch, LongestLists, RankedEntity, Slice } from '../../application/ports/graph-reads.port';
import type { AddEdgeOutcome, IdempotencyKey, ReplaceEdgeOutcome, SaveOutcome } from '../../application/ports/graph-writes.port';
import { changeKindOf, type GraphChangeKind } from '../../domain/model/graph-change.model';
import type { GraphSnapshot } from '../../domain/model/graph-snapshot';
import { isSameCreation, type CausalEdge, type Entity, type RecordRevision, type Source } from '../../domain/model/graph.model';
import type { CausalGraph } from '../../domain/propagation/causal-graph';
import { CausalIndex, type CausalLink, type IndexChange } from '../../domain/propagation/causal-index';
import { rankTerms, searchTerms, type MatchRank } from '../../domain/search/rank-entity';
import { StoreFailureError } from '../store-errors';
import { ANY_PAYLOAD, importLegacyWriteLog } from './legacy-write-log';
import { chainProblems, DamagedStoreError, verifyStore } from './sqlite-integrity';
import {
  toEdge,
  toEntity,
  toRevision,
  toSource,
  type EdgeRow,
  type EntityRow,
  type EvidenceRow,
  type RecordKind,
  type RevisionRow,
  type SourceRow,
} from './sqlite-records';
import { migrate } from './sqlite-schema';
import type { Statements } from './sqlite-statements';
import { RecordWriter } from './sqlite-writer';
import { translateSqliteError } from './sqlite-errors';
import { WriterLock } from './writer-lock';

export const DATABASE_FILE = 'graph.db';

export interface SqliteOpenOptions {
  /** Where graph.db lives; the directory is created when missing. */
  readonly dataDir: string;
  /** The graph to start from when the database is new (the seed). */
  readonly seed: GraphSnapshot;
  readonly log?: (line: string) => void;
}

/** Statuses the causal index holds: accepted claims, and proposals (walked only on request). */
const INDEXED = new Set(['ACTIVE', 'PROPOSED']);

/**
 * The embedded default: the graph in one SQLite file, `DATA_DIR/graph.db` (WAL journal,
 * synchronous=FULL, one transaction per write, CHECK constraints on every row). Nothing is
 * acknowledged before its transaction commits. One process writes a data directory at a
 * time (WriterLock); others may read it (backups, exports).
 *
 * Analyses run on an in-memory CausalIndex, built from the database at start and updated
 * incrementally after each commit, so a write is visible to the very next propagation
 * without rebuilding anything.
 */
export class SqliteGraphStore implements GraphBackend, CausalIndexSource {
  readonly backend = 'memory' as const;
  readonly changes = new ChangeFanout();
  private readonly index: CausalIndex;
  private readonly writer: RecordWriter;
  private readonly statements: Statements;
  /** Folded search terms per entity id, and the ids in id order (search ranks in process). */
  private readonly terms = new Map<string, string[]>();
  private sortedEntityIds: string[] = [];
  private activeEdges = 0;
  private version: number;
  /** The thread that checkpoints the WAL (built JavaScript only), see checkpointInBackground. */
  private checkpointer: Worker | undefined;

  private constructor(
    private readonly db: Db,
    readonly file: string,
    private readonly lock: WriterLock | undefined,
  ) {
    this.writer = new RecordWriter(db);
    this.statements = this.writer.statements;
    this.version = this.writer.version();
    const entityIds: string[] = [];
    for (const row of this.statements.allEntitiesForTerms.iterate() as IterableIterator<Pick<EntityRow, 'id' | 'name' | 'aliases'>>) {
      entityIds.push(row.id);
      this.terms.set(row.id, searchTerms({ id: row.id, name: row.name, aliases: JSON.parse(row.aliases) as string[] }));
    }
    this.sortedEntityIds = entityIds; // the query orders by id
    const links: CausalLink[] = [];
    for (const row of this.statements.indexedEdges.iterate() as IterableIterator<IndexedEdgeRow>) {
      links.push(toLink(row));
      if (row.status === 'ACTIVE') this.activeEdges++;
    }
    this.index = CausalIndex.build(entityIds, links);
  }

  /**
   * Opens (creating and seeding when new) `dataDir/graph.db`. Refuses a directory another
   * process writes, a file SQLite finds damaged, and records whose checksums or revision
   * chains do not hold, naming the file and what was found; imports an older version's
   * `writes.jsonl` once.
   */
  static async open(options: SqliteOpenOptions): Promise<SqliteGraphStore> {
    const log = options.log ?? (() => {});
    mkdirSync(options.dataDir, { recursive: true });
    const lock = WriterLock.take(options.dataDir);
    const file = join(options.dataDir, DATABASE_FILE);
    let db: Db | undefined;
    try {
      const existed = existsSync(file);
      db = openDatabase(file);
      migrate(db, file);
      const writer = new RecordWriter(db);
      if (!writer.isSeeded()) {
        log(`${file} is new: loading the seed`);
        writer.seed(options.seed);
      }
      importLegacyWriteLog(writer, options.dataDir, log);
      // An existing file is checked while the index is built from it: on the other core
      // when a worker thread can run (the built API), else first, in line.
      const checked = existed ? startupChecks(db, file) : Promise.resolve();
      const store = new SqliteGraphStore(db, file, lock);
      try {
        await checked;
      } catch (error) {
        db.close();
        throw error;
      }
      store.checkpointInBackground(log);
      return store;
    } catch (error) {
      if (db?.open) db.close();
      lock.release();
      // Whatever SQLite refused while opening (a damaged page met by a migration or a
      // statement, say) is reported with the file it concerns.
      throw translateSqliteError(error, file);
    }
  }

  /** A store in memory only, seeded with `snapshot` (tests, one-off tools). */
  static inMemory(snapshot: GraphSnapshot): SqliteGraphStore {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, ':memory:');
    new RecordWriter(db).seed(snapshot);
    return new SqliteGraphStore(db, ':memory:', undefined);
  }

  /**
   * A read-only store over a data directory another process may be writing (exports): no
   * lock is taken, and any write it were asked for would fail.
   */
  static openReader(dataDir: string): SqliteGraphStore {
    const file = join(dataDir, DATABASE_FILE);
    if (!existsSync(file)) throw new StoreFailureError(`${file} does not exist: DATA_DIR holds no graph yet`);
    const db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    return new SqliteGraphStore(db, file, undefined);
  }

  // ---- the causal index and version ----

  async causalGraph(): Promise<CausalGraph> {
    return this.index.graph;
  }

  async graphVersion(): Promise<string> {
    return String(this.version);
  }

  // ---- reads ----

  async getEntities(ids: readonly string[]): Promise<ReadonlyArray<Entity | undefined>> {
    const rows = this.statements.entitiesByIds.all(JSON.stringify(ids)) as EntityRow[];
    return inKeyOrder(ids, rows.map(toEntity));
  }

  async getSources(ids: readonly string[]): Promise<ReadonlyArray<Source | undefined>> {
    const rows = this.statements.sourcesByIds.all(JSON.stringify(ids)) as SourceRow[];
    return inKeyOrder(ids, rows.map(toSource));
  }

  async getSourceTexts(ids: readonly string[]): Promise<ReadonlyArray<string | undefined>> {
    const rows = this.statements.textsOfSources.all(JSON.stringify(ids)) as Array<{ id: string; text: string }>;
    const byId = new Map(rows.map((r) => [r.id, r.text]));
    return ids.map((id) => byId.get(id));
  }

  async quotesCiting(sourceId: string): Promise<ReadonlyArray<{ edgeId: string; quote: string }>> {
    return this.statements.quotesCiting.all(sourceId) as Array<{ edgeId: string; quote: string }>;
  }

  async listProposed(first: number, after?: readonly [string, string]): Promise<Slice<CausalEdge>> {
    const [at, id] = after ?? ['', ''];
    const rows = this.statements.proposedPage.all(at, at, id, first + 1) as EdgeRow[];
    const total = (this.statements.countProposed.get() as { n: number }).n;
    return { items: this.completeEdges(rows.slice(0, first)), hasMore: rows.length > first, totalCount: total };
  }

  async getEdges(ids: readonly string[]): Promise<ReadonlyArray<CausalEdge | undefined>> {
    const rows = this.statements.edgesByIds.all(JSON.stringify(ids)) as EdgeRow[];
    return inKeyOrder(ids, this.completeEdges(rows));
  }

  async getOutgoing(entityIds: readonly string[]): Promise<ReadonlyArray<readonly CausalEdge[]>> {
    return this.edgesAt(this.statements.outgoing, entityIds, (e) => e.fromId);
  }

  async getIncoming(entityIds: readonly string[]): Promise<ReadonlyArray<readonly CausalEdge[]>> {
    return this.edgesAt(this.statements.incoming, entityIds, (e) => e.toId);
  }

  async getEdgeHistories(ids: readonly string[]): Promise<ReadonlyArray<readonly RecordRevision[]>> {
    return this.histories('edge', ids);
  }

  async getEntityHistories(ids: readonly string[]): Promise<ReadonlyArray<readonly RecordRevision[]>> {
    return this.histories('entity', ids);
  }

  async getSourceHistories(ids: readonly string[]): Promise<ReadonlyArray<readonly RecordRevision[]>> {
    return this.histories('source', ids);
  }

  async longestLists(): Promise<LongestLists> {
    return { degree: (await this.causalGraph()).largestDegree, ...this.writer.longestLists() };
  }

  async searchEntities(search: EntitySearch): Promise<Slice<RankedEntity>> {
    const kinds = search.kinds && search.kinds.length > 0 ? new Set<string>(search.kinds) : undefined;
    const kindOf = kinds
      ? new Map((this.statements.entityKinds.all() as Array<{ id: string; kind: string }>).map((r) => [r.id, r.kind]))
      : undefined;
    const matches: Array<{ id: string; rank: MatchRank }> = [];
    for (const id of this.sortedEntityIds) {
      if (kinds && !kinds.has(kindOf!.get(id)!)) continue;
      const rank: MatchRank | null = search.foldedQuery ? rankTerms(this.terms.get(id)!, search.foldedQuery) : 0;
      if (rank !== null) matches.push({ id, rank });
    }
    // Stable sort: ids were already in order.
    matches.sort((a, b) => a.rank - b.rank);
    let start = 0;
    if (search.after) {
      const [rank, id] = search.after as [number, string];
      start = matches.findIndex((m) => m.rank > rank || (m.rank === rank && m.id > id));
      if (start < 0) start = matches.length;
    }
    const page = matches.slice(start, start + search.first);
    const entities = await this.getEntities(page.map((m) => m.id));
    return {
      items: page.map((m, i) => ({ entity: entities[i]!, rank: m.rank })),
      hasMore: start + search.first < matches.length,
      totalCount: matches.length,
    };
  }

  async listEdges(first: number, after?: string): Promise<Slice<CausalEdge>> {
    const rows = this.statements.edgePage.all(after ?? '', first + 1) as EdgeRow[];
    return { items: this.completeEdges(rows.slice(0, first)), hasMore: rows.length > first, totalCount: this.activeEdges };
  }

  async listSources(): Promise<readonly Source[]> {
    return (this.statements.allSources.all() as SourceRow[]).map(toSource);
  }

  async counts(): Promise<{ entities: number; edges: number }> {
    return { entities: this.sortedEntityIds.length, edges: this.activeEdges };
  }

  // ---- writes ----

  async saveEntity(entity: Entity, revision: RecordRevision, expectedRevision: number | null): Promise<SaveOutcome<Entity>> {
    return this.write<SaveOutcome<Entity>>('ENTITY_UPSERTED', { entityId: entity.id }, () => {
      const current = this.writer.entityHead(entity.id);
      if ((current?.revision ?? null) !== expectedRevision)
        return { outcome: { kind: 'stale', currentRevision: current?.revision ?? null } };
      this.writer.putEntity(entity, revision);
      return { outcome: { kind: 'saved', record: { ...entity, revision: revision.revision } }, change: { entities: [entity.id] } };
    });
  }

  async addSource(source: Source, revision: RecordRevision, text?: string): Promise<{ created: boolean; current: Source }> {
    return this.write<{ created: boolean; current: Source }>('SOURCE_ADDED', { sourceId: source.id }, () => {
      const existing = this.statements.sourcesByIds.get(JSON.stringify([source.id])) as SourceRow | undefined;
      if (existing) return { outcome: { created: false, current: toSource(existing) } };
      this.writer.putSource(source, revision, text);
      return { outcome: { created: true, current: { ...source, revision: revision.revision } }, change: {} };
    });
  }

  async saveSource(source: Source, revision: RecordRevision, expectedRevision: number, text?: string): Promise<SaveOutcome<Source>> {
    return this.write<SaveOutcome<Source>>('SOURCE_UPDATED', { sourceId: source.id }, () => {
      const current = this.writer.sourceHead(source.id);
      if ((current?.revision ?? null) !== expectedRevision)
        return { outcome: { kind: 'stale', currentRevision: current?.revision ?? null } };
      this.writer.putSource(source, revision, text);
      return { outcome: { kind: 'saved', record: { ...source, revision: revision.revision } }, change: {} };
    });
  }

  async addEdge(edge: CausalEdge, revision: RecordRevision, idempotencyKey?: IdempotencyKey, supersedes?: string): Promise<AddEdgeOutcome> {
    return this.write<AddEdgeOutcome>('EDGE_ADDED', { edgeId: edge.id }, () => {
      if (idempotencyKey) {
        this.statements.expireKeys.run(idempotencyKey.expiresBefore);
        const seen = this.statements.idempotencyKey.get(idempotencyKey.key) as { edge_id: string; payload_digest: string } | undefined;
        if (seen) {
          const same = seen.payload_digest === idempotencyKey.payloadDigest || seen.payload_digest === ANY_PAYLOAD;
          if (!same) return { outcome: { kind: 'key-reused' } };
          return { outcome: { kind: 'replayed', edge: this.edgeById(seen.edge_id)! } };
        }
      }
      const stored = this.edgeById(edge.id);
      if (stored) return { outcome: isSameCreation(stored, edge) ? { kind: 'replayed', edge: stored } : { kind: 'id-taken' } };
      const twin = edge.status === 'ACTIVE' || edge.status === 'PROPOSED' ? this.activeTwin(edge) : undefined;
      if (twin && !(edge.status === 'PROPOSED' && twin === supersedes)) return { outcome: { kind: 'duplicate', existingId: twin } };
      this.writer.putEdge(edge, [revision]);
      if (idempotencyKey) {
        this.statements.insertKey.run(idempotencyKey.key, edge.id, idempotencyKey.payloadDigest, edge.createdAt);
      }
      return { outcome: { kind: 'created', edge }, change: indexChangeFor(edge) };
    });
  }

  async replaceEdge(next: CausalEdge, revision: RecordRevision, expectedRevision: number): Promise<ReplaceEdgeOutcome> {
    return this.replaceEdges([{ next, revision, expectedRevision }]);
  }

  async replaceEdges(
    changes: ReadonlyArray<{ readonly next: CausalEdge; readonly revision: RecordRevision; readonly expectedRevision: number }>,
  ): Promise<ReplaceEdgeOutcome> {
    const first = changes[0];
    try {
      // One edge per logged version (see the Neo4j store): a change to several is logged as an import.
      const kind: GraphChangeKind = changes.length > 1 ? 'IMPORTED' : changeKindOf(first.revision);
      return this.write<ReplaceEdgeOutcome>(kind, { edgeId: first.next.id }, () => {
        for (const { next, expectedRevision } of changes) {
          const current = this.writer.edgeHead(next.id);
          if (!current) return { outcome: { kind: 'missing' } };
          if (current.revision !== expectedRevision) return { outcome: { kind: 'stale', currentRevision: current.revision } };
        }
        // Edges leaving a claim first, so one taking it over finds it free.
        const ordered = [...changes].sort((a, b) => Number(a.next.status === 'ACTIVE') - Number(b.next.status === 'ACTIVE'));
        const change: { upsert: CausalLink[]; remove: string[] } = { upsert: [], remove: [] };
        for (const { next, revision } of ordered) {
          const twin = next.status === 'ACTIVE' ? this.activeTwin(next) : undefined;
          if (twin) throw new DuplicateClaim(twin);
          this.writer.putEdge(next, [revision]);
          if (INDEXED.has(next.status)) change.upsert.push(toLinkFromEdge(next));
          else change.remove.push(next.id);
        }
        return { outcome: { kind: 'replaced', edge: first.next }, change };
      });
    } catch (error) {
      // Thrown inside the transaction so that what was written before it rolls back.
      if (error instanceof DuplicateClaim) return { kind: 'duplicate', existingId: error.existingId };
      throw error;
    }
  }

  // ---- bulk ----

  async applyBatch(batch: WriteBatch): Promise<BatchOutcome> {
    return this.write<BatchOutcome>('IMPORTED', {}, () => {
      const change: { entities: string[]; upsert: CausalLink[]; remove: string[] } = { entities: [], upsert: [], remove: [] };
      for (const { entity, revision, expectedRevision } of batch.entities) {
        const problem = revisionProblem(this.writer.entityHead(entity.id)?.revision ?? null, expectedRevision);
        if (problem) return { outcome: { kind: 'refused', recordId: entity.id, reason: `entity ${problem}` } };
        this.writer.putEntity(entity, revision);
        change.entities.push(entity.id);
      }
      for (const { source, revision, text } of batch.sources) {
        if (this.statements.sourceHead.get(source.id))
          return { outcome: { kind: 'refused', recordId: source.id, reason: 'source exists already' } };
        this.writer.putSource(source, revision, text);
      }
      for (const { edge, expectedRevision } of batch.edges) {
        const problem = revisionProblem(this.writer.edgeHead(edge.id)?.revision ?? null, expectedRevision);
        if (problem) return { outcome: { kind: 'refused', recordId: edge.id, reason: problem } };
      }
      // Edges leaving the claim first, so one that takes over a claim in the same batch finds it free.
      const ordered = [...batch.edges].sort((a, b) => Number(a.edge.status === 'ACTIVE') - Number(b.edge.status === 'ACTIVE'));
      for (const { edge, revision } of ordered) {
        const twin = edge.status === 'ACTIVE' ? this.activeTwin(edge) : undefined;
        if (twin) return { outcome: { kind: 'refused', recordId: edge.id, reason: `makes the same claim as active edge ${twin}` } };
        this.writer.putEdge(edge, [revision]);
        if (INDEXED.has(edge.status)) change.upsert.push(toLinkFromEdge(edge));
        else change.remove.push(edge.id);
      }
      return { outcome: { kind: 'applied' }, change };
    });
  }

  async exportGraph(): Promise<GraphExport> {
    const edges = this.completeEdges(this.statements.allEdges.all() as EdgeRow[]);
    const history = groupBy(this.statements.allRevisionsOf.all('edge') as RevisionRow[], (r) => r.record_id);
    return {
      entities: (this.statements.allEntities.all() as EntityRow[]).map(toEntity),
      sources: (this.statements.allSources.all() as SourceRow[]).map(toSource),
      edges: edges.map((edge) => ({ ...edge, history: (history.get(edge.id) ?? []).map(toRevision) })),
    };
  }

  /** A consistent copy of the database to `file`, taken while this process goes on writing. */
  async backup(file: string): Promise<void> {
    await this.db.backup(file);
  }

  async close(): Promise<void> {
    const worker = this.checkpointer;
    this.checkpointer = undefined;
    if (worker) {
      await new Promise<void>((resolve) => {
        const stuck = setTimeout(() => void worker.terminate().then(() => resolve()), 2_000);
        worker.once('exit', () => {
          clearTimeout(stuck);
          resolve();
        });
        worker.postMessage('stop');
      });
    }
    if (this.db.open) this.db.close();
    this.lock?.release();
  }

  /**
   * Moves WAL checkpoints out of the commits onto a thread of their own (checkpoint-worker):
   * SQLite's automatic checkpoint runs inside the commit that crosses its threshold, which
   * made those writes the slowest (p99 23 ms at 10^6 edges, 15 ms without). The commits keep
   * a safety net: one that finds the WAL past SAFETY_NET_PAGES (about 40 MB) checkpoints
   * itself, and if the thread fails they checkpoint as before. Built JavaScript only (tests
   * run the TypeScript sources, which a worker cannot load): in line otherwise.
   */
  private checkpointInBackground(log: (line: string) => void): void {
    const script = join(__dirname, 'checkpoint-worker.js');
    if (!__filename.endsWith('.js') || !existsSync(script)) return;
    const worker = new Worker(script, { workerData: { file: this.file, everyMs: CHECKPOINT_EVERY_MS } });
    worker.unref();
    this.db.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
    const fallBack = (why: string) => {
      if (this.checkpointer !== worker) return;
      this.checkpointer = undefined;
      if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_CHECKPOINT_PAGES}`);
      log(`background WAL checkpoints stopped (${why}); commits checkpoint the WAL again`);
    };
    worker.on('message', (message: unknown) => {
      if (message !== 'stopped') fallBack(String(message));
    });
    worker.once('error', (error) => fallBack(error.message));
    this.checkpointer = worker;
  }

  // ---- internals ----

  /**
   * One write: `work` runs inside a transaction and either answers without writing
   * (`change` absent: nothing is committed) or writes and says what changed in the index.
   * The graph version and the change log move in the same transaction. The index is updated
   * only after the commit, so nothing a reader sees was not durably stored.
   */
  private write<T>(
    kind: GraphChangeKind,
    ids: { edgeId?: string; entityId?: string; sourceId?: string },
    work: () => { outcome: T; change?: IndexChange },
  ): T {
    let result: { outcome: T; change?: IndexChange };
    const at = new Date().toISOString();
    try {
      result = this.db.transaction(() => {
        const done = work();
        if (done.change) this.writer.bumpVersion(kind, ids, at);
        return done;
      })();
    } catch (error) {
      throw translateSqliteError(error, this.file);
    }
    if (result.change) {
      this.version++;
      this.afterCommit(result.change);
      this.changes.publish({ version: String(this.version), kind, at, ...ids });
    }
    return result.outcome;
  }

  private afterCommit(change: IndexChange): void {
    for (const id of change.entities ?? []) {
      const row = this.statements.entitiesByIds.get(JSON.stringify([id])) as EntityRow;
      if (!this.terms.has(id)) {
        const at = lowerBound(this.sortedEntityIds, id);
        this.sortedEntityIds.splice(at, 0, id);
      }
      this.terms.set(id, searchTerms(toEntity(row)));
    }
    // Active edges counted from the change (a count(*) over the table took ~30 ms a write at 10^6 edges).
    const touched = [...(change.upsert ?? []).map((l) => l.id), ...(change.remove ?? [])];
    const activeAmong = () => {
      const graph = this.index.graph;
      return touched.filter((id) => {
        const e = graph.edgeNumberOf(id);
        return e >= 0 && !graph.isProposed(e);
      }).length;
    };
    const before = activeAmong();
    this.index.apply(change);
    this.activeEdges += activeAmong() - before;
  }

  private activeTwin(edge: Pick<CausalEdge, 'id' | 'fromId' | 'toId' | 'polarity'>): string | undefined {
    const row = this.statements.activeTwin.get(edge.fromId, edge.toId, edge.polarity, edge.id) as { id: string } | undefined;
    return row?.id;
  }

  private edgeById(id: string): CausalEdge | undefined {
    const row = this.statements.edgesByIds.get(JSON.stringify([id])) as EdgeRow | undefined;
    return row ? this.completeEdges([row])[0] : undefined;
  }

  /** Edge rows with their evidence, in the rows' order. */
  private completeEdges(rows: readonly EdgeRow[]): CausalEdge[] {
    if (rows.length === 0) return [];
    const evidence = groupBy(this.statements.evidenceOf.all(JSON.stringify(rows.map((r) => r.id))) as EvidenceRow[], (e) => e.edge_id);
    return rows.map((row) => toEdge(row, evidence.get(row.id) ?? []));
  }

  private edgesAt(statement: Statement, entityIds: readonly string[], key: (edge: CausalEdge) => string): Array<readonly CausalEdge[]> {
    const edges = this.completeEdges(statement.all(JSON.stringify(entityIds)) as EdgeRow[]);
    const byEntity = groupBy(edges, key);
    return entityIds.map((id) => byEntity.get(id) ?? []);
  }

  /** Histories, each checked against its hash chain as it is read (start-up checks records, not every chain). */
  private histories(kind: RecordKind, ids: readonly string[]): Array<readonly RecordRevision[]> {
    const byId = groupBy(this.statements.revisionsOf.all(kind, JSON.stringify(ids)) as RevisionRow[], (r) => r.record_id);
    const heads = new Map(
      (this.statements.headsOf[kind].all(JSON.stringify(ids)) as Array<{ id: string; head_hash: string }>).map((r) => [r.id, r.head_hash]),
    );
    return ids.map((id) => {
      const chain = byId.get(id) ?? [];
      const head = heads.get(id);
      if (head) {
        const problems = chainProblems(kind, id, chain, head);
        if (problems.length > 0) throw new DamagedStoreError(`${this.file} is damaged: ${problems.join('; ')}`);
      }
      return chain.map(toRevision);
    });
  }
}

interface IndexedEdgeRow {
  id: string;
  from_id: string;
  to_id: string;
  polarity: string;
  weight: number;
  lag_days: number;
  confidence: number;
  status: string;
}

function toLink(row: IndexedEdgeRow): CausalLink {
  return {
    id: row.id,
    fromId: row.from_id,
    toId: row.to_id,
    polarity: row.polarity as CausalLink['polarity'],
    weight: row.weight,
    lagDays: row.lag_days,
    confidence: row.confidence,
    proposed: row.status === 'PROPOSED',
  };
}

function toLinkFromEdge(edge: CausalEdge): CausalLink {
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
class DuplicateClaim extends Error {
  constructor(readonly existingId: string) {
    super(`the claim is taken by active edge ${existingId}`);
  }
}

function indexChangeFor(edge: CausalEdge): IndexChange {
  return INDEXED.has(edge.status) ? { upsert: [toLinkFromEdge(edge)] } : { remove: [edge.id] };
}

/** How often the checkpoint thread copies the WAL into graph.db. */
const CHECKPOINT_EVERY_MS = 250;
/** WAL pages (4 KB) past which a commit checkpoints itself even with the thread running. */
const SAFETY_NET_PAGES = 10_000;
const SQLITE_DEFAULT_CHECKPOINT_PAGES = 1_000;

/**
 * quick_check and every record's checksum. On a worker thread when this module runs as
 * built JavaScript, so start-up takes the longer of checking and indexing, not their sum;
 * in line otherwise (tests run the TypeScript sources, which a worker cannot load).
 */
function startupChecks(db: Db, file: string): Promise<void> {
  const script = join(__dirname, 'verify-worker.js');
  if (!__filename.endsWith('.js') || !existsSync(script)) {
    verifyStore(db, file, 'quick-pages');
    verifyStore(db, file, 'records');
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: { file } });
    worker.once('message', (problem: string | null) => (problem === null ? resolve() : reject(new DamagedStoreError(problem))));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new StoreFailureError(`the start-up check of ${file} stopped with code ${code}`));
    });
  });
}

function openDatabase(file: string): Db {
  try {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // 64 MB of page cache: the default 2 MB makes bulk loads and full scans (start-up
    // checks) spill and re-read the same b-tree pages over and over.
    db.pragma('cache_size = -65536');
    return db;
  } catch (error) {
    throw translateSqliteError(error, file);
  }
}

function inKeyOrder<T extends { id: string }>(ids: readonly string[], records: readonly T[]): Array<T | undefined> {
  const byId = new Map(records.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function lowerBound(sorted: readonly string[], id: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
