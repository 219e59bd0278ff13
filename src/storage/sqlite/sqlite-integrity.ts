import type { Database as Db } from 'better-sqlite3';
import { hash } from 'node:crypto';
import {
  CHAIN_START,
  checksumOf,
  EDGE_FIELDS,
  ENTITY_FIELDS,
  EVIDENCE_FIELDS,
  revisionHash,
  SOURCE_FIELDS,
  sourceChecksumValues,
  type RecordKind,
  type RevisionRow,
} from './sqlite-records';

/** At most this many problems are listed; the count says how many there were. */
const LISTED = 10;

/** The store's file is damaged or was changed behind the API's back: it will not be served. */
export class DamagedStoreError extends Error {
  override readonly name = 'DamagedStoreError';
}

/**
 * What a check looks at:
 * - `quick-pages`: SQLite's `PRAGMA quick_check` (every page and record readable and well
 *   formed), what start-up runs;
 * - `pages`: `PRAGMA integrity_check` (also that every index agrees with its table), what
 *   backups, restores and `npm run graph -- check` run;
 * - `records`: every record's checksum recomputed (a changed letter in a quote, a title or a
 *   measure, which SQLite cannot see), what start-up runs;
 * - `history`: every revision chain recomputed (a changed author, time or reason of a past
 *   revision), what backups, restores and `check` run, and every read of a history.
 */
export type Check = 'quick-pages' | 'pages' | 'records' | 'history';

/**
 * Checks a database before it is served or copied. Throws a DamagedStoreError naming the
 * file and what was found: serving a graph that silently lacks acknowledged writes, or
 * claims that were edited outside the API, is worse than not starting.
 */
export function verifyStore(db: Db, file: string, check: Check): void {
  const problems =
    check === 'records' ? recordProblems(db) : check === 'history' ? historyProblems(db) : pageProblems(db, check === 'pages');
  if (problems.length === 0) return;
  const shown = problems.slice(0, LISTED).map((p) => `  - ${p}`);
  const more = problems.length > LISTED ? [`  … and ${problems.length - LISTED} more`] : [];
  const by = {
    'quick-pages': 'PRAGMA quick_check found',
    pages: 'PRAGMA integrity_check found',
    records: 'the record checksums found',
    history: 'the revision hash chains found',
  }[check];
  throw new DamagedStoreError(
    `${file} is damaged: ${by} ${problems.length} problem(s):\n${[...shown, ...more].join('\n')}\n` +
      'Restore it from a backup (npm run graph -- restore FILE) rather than serve a graph that may lack acknowledged writes.',
  );
}

function pageProblems(db: Db, full: boolean): string[] {
  const pragma = full ? 'integrity_check' : 'quick_check';
  try {
    const rows = db.pragma(pragma) as Array<Record<string, string>>;
    return rows.map((r) => r[pragma]).filter((r) => r !== 'ok');
  } catch (error) {
    return [`${(error as { code?: string }).code ?? 'error'}: ${(error as Error).message}`];
  }
}

/**
 * Every record's checksum, in one ordered pass over each table, reading raw rows of exactly
 * the columns the checksum covers (an edge's evidence is read in the same edge order and
 * merged), so memory stays flat and no row object is built however large the graph.
 */
function recordProblems(db: Db): string[] {
  const problems: string[] = [];
  const rows = (sql: string) => db.prepare(sql).raw(true).iterate() as IterableIterator<unknown[]>;
  const changed = (kind: RecordKind, id: unknown, what: string) =>
    problems.push(`${kind} ${String(id)}: its ${what} do not match its checksum (changed outside the API)`);
  for (const row of rows(`SELECT checksum, ${ENTITY_FIELDS.join(', ')} FROM entities`)) {
    if (checksumOf('entity', row.slice(1)) !== row[0]) changed('entity', row[1], 'fields');
  }
  const hasTexts =
    (db.prepare("SELECT count(*) AS n FROM pragma_table_info('sources') WHERE name = 'text_sha256'").get() as { n: number }).n > 0;
  const textColumn = hasTexts ? 'text_sha256' : 'NULL';
  for (const row of rows(`SELECT checksum, ${SOURCE_FIELDS.join(', ')}, ${textColumn} FROM sources`)) {
    const values = sourceChecksumValues(row.slice(1, -1), row[row.length - 1]);
    if (checksumOf('source', values) !== row[0]) changed('source', row[1], 'fields');
  }
  if (hasTexts) {
    for (const [sha256, text] of rows('SELECT sha256, text FROM source_texts')) {
      if (hash('sha256', text as string, 'hex') !== sha256) {
        problems.push(`source text ${String(sha256)}: its text does not match its SHA-256 (changed outside the API)`);
      }
    }
  }
  const evidence = new Cursor(rows(`SELECT edge_id, ${EVIDENCE_FIELDS.join(', ')} FROM evidence ORDER BY edge_id, position`));
  for (const row of rows(`SELECT checksum, ${EDGE_FIELDS.join(', ')} FROM edges ORDER BY id`)) {
    const own = evidence.take(row[1] as string, (e) => e[0] as string).map((e) => e.slice(1));
    if (checksumOf('edge', row.slice(1), own) !== row[0]) changed('edge', row[1], 'fields or evidence');
  }
  evidence.rest((e) => problems.push(`evidence of edge ${String(e[0])}: there is no such edge`));
  return problems;
}

/** Every revision chain, walked beside the records whose head it must end at. */
function historyProblems(db: Db): string[] {
  const problems: string[] = [];
  for (const [kind, table] of [
    ['entity', 'entities'],
    ['source', 'sources'],
    ['edge', 'edges'],
  ] as const) {
    const revisions = new Cursor(
      db.prepare('SELECT * FROM revisions WHERE kind = ? ORDER BY record_id, revision').iterate(kind) as IterableIterator<RevisionRow>,
    );
    const orphan = (row: RevisionRow) => problems.push(`${kind} ${row.record_id}: has revisions but no record`);
    for (const row of db.prepare(`SELECT id, head_hash FROM ${table} ORDER BY id`).iterate() as IterableIterator<{
      id: string;
      head_hash: string;
    }>) {
      const chain = revisions.take(row.id, (r) => r.record_id, orphan);
      problems.push(...chainProblems(kind, row.id, chain, row.head_hash));
    }
    revisions.rest(orphan);
  }
  return problems;
}

/** What is wrong with one record's chain of revisions, given the head its record names. */
export function chainProblems(kind: RecordKind, id: string, chain: readonly RevisionRow[], head: string): string[] {
  const problems: string[] = [];
  let previous = CHAIN_START;
  let expected = 1;
  for (const row of chain) {
    if (row.revision !== expected) problems.push(`${kind} ${id}: revision ${expected} is missing from its history`);
    if (revisionHash(previous, row) !== row.hash) {
      problems.push(`${kind} ${id}: revision ${row.revision} does not match its hash (changed outside the API)`);
    }
    previous = row.hash;
    expected = row.revision + 1;
  }
  if (previous !== head) problems.push(`${kind} ${id}: its history does not end where the record says`);
  return problems;
}

/** Rows read in key order, taken a key at a time. */
class Cursor<T> {
  private pending: IteratorResult<T>;

  constructor(private readonly rows: IterableIterator<T>) {
    this.pending = rows.next();
  }

  /** The rows whose key is `key`, passing any before it (rows of records that do not exist) to `skipped`. */
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
