import type { Database as Db } from 'better-sqlite3';
import {
  CHAIN_START,
  edgeChecksum,
  entityChecksum,
  revisionHash,
  sourceChecksum,
  type EdgeRow,
  type EntityRow,
  type EvidenceRow,
  type RecordKind,
  type RevisionRow,
  type SourceRow,
} from './sqlite-records';

/** At most this many problems are listed; the count says how many there were. */
const LISTED = 10;

/** The store's file is damaged or was changed behind the API's back: it will not be served. */
export class DamagedStoreError extends Error {
  override readonly name = 'DamagedStoreError';
}

/**
 * Checks a database before it is served. `pages`: SQLite's own `PRAGMA integrity_check`
 * (broken pages, indexes that disagree with their tables). `records`: every record's
 * checksum and every revision chain, recomputed (a changed letter inside a quote, a title
 * or an author, which SQLite cannot see). Throws a DamagedStoreError naming the file and
 * what was found; serving a graph that silently lacks acknowledged writes is worse than
 * not starting.
 */
export function verifyStore(db: Db, file: string, what: 'pages' | 'records'): void {
  const problems = what === 'pages' ? pageProblems(db) : recordProblems(db);
  if (problems.length === 0) return;
  const shown = problems.slice(0, LISTED).map((p) => `  - ${p}`);
  const more = problems.length > LISTED ? [`  … and ${problems.length - LISTED} more`] : [];
  const check = what === 'pages' ? 'PRAGMA integrity_check found' : 'the record checksums found';
  throw new DamagedStoreError(
    `${file} is damaged: ${check} ${problems.length} problem(s):\n${[...shown, ...more].join('\n')}\n` +
      'Restore it from a backup (npm run graph -- restore FILE) rather than serve a graph that may lack acknowledged writes.',
  );
}

function pageProblems(db: Db): string[] {
  try {
    const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    return rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
  } catch (error) {
    return [`${(error as { code?: string }).code ?? 'error'}: ${(error as Error).message}`];
  }
}

/**
 * Every record's checksum and revision chain, in one ordered pass over each table (records,
 * their evidence and their revisions are all read in id order and merged), so memory stays
 * flat however large the graph.
 */
function recordProblems(db: Db): string[] {
  const problems: string[] = [];
  const check = <R extends { id: string; checksum: string; head_hash: string }>(
    kind: RecordKind,
    table: string,
    checksum: (row: R, evidence: readonly EvidenceRow[]) => string,
    evidence?: Cursor<EvidenceRow>,
  ) => {
    const chains = new ChainCursor(db, kind, problems);
    for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY id`).iterate() as IterableIterator<R>) {
      const own = evidence ? evidence.take(row.id, (e) => e.edge_id) : [];
      if (checksum(row, own) !== row.checksum) {
        problems.push(`${kind} ${row.id}: its fields${evidence ? ' or evidence' : ''} do not match its checksum (changed outside the API)`);
      }
      if (chains.headOf(row.id) !== row.head_hash) problems.push(`${kind} ${row.id}: its history does not end where the record says`);
    }
    chains.finish();
  };
  check<EntityRow>('entity', 'entities', (row) => entityChecksum(row));
  check<SourceRow>('source', 'sources', (row) => sourceChecksum(row));
  const evidence = new Cursor(db.prepare('SELECT * FROM evidence ORDER BY edge_id, position').iterate() as IterableIterator<EvidenceRow>);
  check<EdgeRow>('edge', 'edges', (row, own) => edgeChecksum(row, own), evidence);
  return problems;
}

/** Rows read in key order, taken a key at a time. */
class Cursor<T> {
  private pending: IteratorResult<T>;

  constructor(private readonly rows: IterableIterator<T>) {
    this.pending = rows.next();
  }

  /** The rows whose key is `key`, skipping any before it (rows of records that do not exist). */
  take(key: string, keyOf: (row: T) => string, skipped?: (row: T) => void): T[] {
    const taken: T[] = [];
    while (!this.pending.done && keyOf(this.pending.value) < key) {
      skipped?.(this.pending.value);
      this.pending = this.rows.next();
    }
    while (!this.pending.done && keyOf(this.pending.value) === key) {
      taken.push(this.pending.value);
      this.pending = this.rows.next();
    }
    return taken;
  }

  rest(skipped: (row: T) => void): void {
    while (!this.pending.done) {
      skipped(this.pending.value);
      this.pending = this.rows.next();
    }
  }
}

/** One kind's revision chains, walked alongside its records. */
class ChainCursor {
  private readonly cursor: Cursor<RevisionRow>;

  constructor(
    db: Db,
    private readonly kind: RecordKind,
    private readonly problems: string[],
  ) {
    this.cursor = new Cursor(
      db.prepare('SELECT * FROM revisions WHERE kind = ? ORDER BY record_id, revision').iterate(kind) as IterableIterator<RevisionRow>,
    );
  }

  /** Checks the record's chain; returns the hash it ends with. */
  headOf(recordId: string): string {
    const orphan = (row: RevisionRow) => this.problems.push(`${this.kind} ${row.record_id}: has revisions but no record`);
    let previous = CHAIN_START;
    let expected = 1;
    for (const row of this.cursor.take(recordId, (r) => r.record_id, orphan)) {
      if (row.revision !== expected) this.problems.push(`${this.kind} ${recordId}: revision ${expected} is missing from its history`);
      if (revisionHash(previous, row) !== row.hash) {
        this.problems.push(`${this.kind} ${recordId}: revision ${row.revision} does not match its hash (changed outside the API)`);
      }
      previous = row.hash;
      expected = row.revision + 1;
    }
    return previous;
  }

  finish(): void {
    this.cursor.rest((row) => this.problems.push(`${this.kind} ${row.record_id}: has revisions but no record`));
  }
}
