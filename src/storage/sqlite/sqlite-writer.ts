import type { Database as Db } from 'better-sqlite3';
import type { GraphSnapshot } from '../../domain/model/graph-snapshot';
import type { GraphChangeKind } from '../../domain/model/graph-change.model';
import {
  historyOf,
  SEED_CREATED_AT,
  withProvenance,
  type CausalEdge,
  type Entity,
  type RecordRevision,
  type Source,
} from '../../domain/model/graph.model';
import { compareIds } from '../../domain/propagation/causal-index';
import { curatedRecordRevision } from '../../domain/write/revise-record';
import { CHAIN_START, edgeRow, entityRow, evidenceRows, revisionRow, sourceRow, type EdgeRow, type EntityRow } from './sqlite-records';
import { prepareStatements, type Statements } from './sqlite-statements';

/**
 * Writes records the way every path into the database must: a revision row chained to the
 * record's last one, then the record with its checksum. Used inside the caller's
 * transaction by the store's writes, the seed and the import of an older write log.
 */
export class RecordWriter {
  readonly statements: Statements;
  /** The longest lists (revisions, quotes): read once, then raised by every write. */
  private longest: { history: number; quotes: number } | undefined;

  constructor(readonly db: Db) {
    this.statements = prepareStatements(db);
  }

  /**
   * The most revisions any one record has and the most quotes one edge has. After a write that rolled back they may be higher than any record's: upper
   * bounds, never an under-count. The first call scans the tables once.
   */
  longestLists(): { history: number; quotes: number } {
    const most = (statement: { get(): unknown }) => (statement.get() as { n: number | null }).n ?? 0;
    this.longest ??= {
      history: most(this.statements.longestHistory),
      quotes: most(this.statements.mostQuotes),
    };
    return { ...this.longest };
  }

  private raise(list: 'history' | 'quotes', length: number): void {
    if (this.longest !== undefined && length > this.longest[list]) this.longest[list] = length;
  }

  private insertRevision(rev: { revision: number }): void {
    this.statements.insertRevision.run(rev);
    this.raise('history', rev.revision);
  }

  /** The graph version the database is at (0 before the seed). */
  version(): number {
    return Number(this.statements.meta.get('graph_version')?.value ?? 0);
  }

  /** Moves the graph version by one and records what moved it; returns the new version. */
  bumpVersion(kind: GraphChangeKind, ids: { edgeId?: string; entityId?: string; sourceId?: string }, at: string): number {
    const version = this.version() + 1;
    this.statements.setMeta.run('graph_version', String(version));
    this.statements.insertChange.run(version, at, kind, ids.edgeId ?? null, ids.entityId ?? null, ids.sourceId ?? null);
    return version;
  }

  entityHead(id: string): Pick<EntityRow, 'revision' | 'head_hash'> | undefined {
    return this.statements.entityHead.get(id) as Pick<EntityRow, 'revision' | 'head_hash'> | undefined;
  }

  edgeHead(id: string): Pick<EdgeRow, 'revision' | 'head_hash'> | undefined {
    return this.statements.edgeHead.get(id) as Pick<EdgeRow, 'revision' | 'head_hash'> | undefined;
  }

  /** Stores an entity's state and its new revision (the one after its stored head). */
  putEntity(entity: Entity, revision: RecordRevision): void {
    const rev = revisionRow('entity', entity.id, revision, this.entityHead(entity.id)?.head_hash ?? CHAIN_START);
    this.insertRevision(rev);
    this.statements.upsertEntity.run(entityRow(entity, revision.revision, rev.hash));
  }

  /** Stores a source's state and its new revision, with its text (once per distinct text) when given. */
  putSource(source: Source, revision: RecordRevision, text?: string): void {
    if (text !== undefined && source.textSha256) this.statements.insertText.run(source.textSha256, text);
    const head = this.statements.sourceHead.get(source.id) as { head_hash: string } | undefined;
    const rev = revisionRow('source', source.id, revision, head?.head_hash ?? CHAIN_START);
    this.insertRevision(rev);
    this.statements.upsertSource.run(sourceRow(source, revision.revision, rev.hash));
  }

  sourceHead(id: string): { revision: number; head_hash: string } | undefined {
    return this.statements.sourceHead.get(id) as { revision: number; head_hash: string } | undefined;
  }

  /**
   * Stores an edge's state and its new revisions (those after the stored head). Evidence only
   * ever grows, so only quotes beyond the stored ones are inserted: a correction costs the
   * same at an edge's thousandth quote as at its first.
   */
  putEdge(edge: CausalEdge, revisions: readonly RecordRevision[], fresh = false): void {
    const head = fresh ? undefined : this.edgeHead(edge.id);
    let hash = head?.head_hash ?? CHAIN_START;
    for (const revision of revisions) {
      if (revision.revision <= (head?.revision ?? 0)) continue;
      const rev = revisionRow('edge', edge.id, revision, hash);
      this.insertRevision(rev);
      hash = rev.hash;
    }
    const evidence = evidenceRows(edge);
    this.statements.upsertEdge.run(edgeRow(edge, hash, evidence));
    this.raise('quotes', evidence.length);
    const stored = fresh ? 0 : (this.statements.evidenceCount.get(edge.id) as { n: number }).n;
    if (stored > evidence.length) this.statements.deleteEvidence.run(edge.id);
    for (const row of stored > evidence.length ? evidence : evidence.slice(stored)) this.statements.insertEvidence.run(row);
  }

  isSeeded(): boolean {
    return this.statements.meta.get('seeded_at') !== undefined;
  }

  /** Loads a snapshot (the seed) into a new database, in one transaction, at graph version 1. */
  seed(snapshot: GraphSnapshot): void {
    this.db.transaction(() => {
      const byId = new Map(snapshot.entities.map((e) => [e.id, e]));
      const placed = new Set<string>();
      // Parents first: PART_OF is a foreign key.
      const place = (entity: Entity) => {
        if (placed.has(entity.id)) return;
        placed.add(entity.id);
        const parent = entity.partOf ? byId.get(entity.partOf) : undefined;
        if (parent) place(parent);
        this.putEntity(entity, curatedRecordRevision(SEED_CREATED_AT, 'seed'));
      };
      [...snapshot.entities].sort((a, b) => compareIds(a.id, b.id)).forEach(place);
      for (const source of snapshot.sources) {
        const text = snapshot.texts?.get(source.id);
        this.putSource(source, curatedRecordRevision(SEED_CREATED_AT, 'seed'), text);
      }
      for (const record of snapshot.edges) this.putEdge(withProvenance(record), historyOf(record), true);
      this.statements.setMeta.run('graph_version', '1');
      this.statements.setMeta.run('seeded_at', new Date().toISOString());
    })();
  }
}
