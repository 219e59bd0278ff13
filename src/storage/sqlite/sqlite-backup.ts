import Database, { type Database as Db } from 'better-sqlite3';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { StoreFailureError } from '../store-errors';
import { DATABASE_FILE } from './sqlite-graph-store';
import { verifyStore } from './sqlite-integrity';
import { WriterLock } from './writer-lock';

export interface StoreCounts {
  readonly entities: number;
  readonly edges: number;
  readonly revisions: number;
}

/**
 * A consistent copy of `dataDir/graph.db` to `file`, with SQLite's online backup: it reads
 * the database page by page and starts again from the changed pages when a write lands
 * meanwhile, so the API keeps serving and writing while it runs. The copy is checked
 * (integrity_check and every checksum) before this answers.
 */
export async function backupDatabase(
  dataDir: string,
  file: string,
  progress: (done: number, total: number) => void,
): Promise<{ pages: number; counts: StoreCounts }> {
  const source = join(dataDir, DATABASE_FILE);
  if (!existsSync(source)) throw new StoreFailureError(`${source} does not exist: DATA_DIR holds no graph to back up`);
  if (existsSync(file)) throw new StoreFailureError(`${file} exists already; choose a new file for the backup`);
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const { totalPages } = await db.backup(file, {
      progress: ({ totalPages: total, remainingPages }) => {
        progress(total - remainingPages, total);
        return 1000;
      },
    });
    return { pages: totalPages, counts: checkedCounts(file) };
  } catch (error) {
    rmSync(file, { force: true });
    throw error;
  } finally {
    db.close();
  }
}

/**
 * A backup into an empty DATA_DIR: the backup is checked first, copied with SQLite's
 * backup (so the new graph.db is written whole or not at all), and checked again.
 */
export async function restoreDatabase(file: string, dataDir: string, say: (line: string) => void): Promise<StoreCounts> {
  if (!existsSync(file)) throw new StoreFailureError(`${file} does not exist`);
  mkdirSync(dataDir, { recursive: true });
  const lock = WriterLock.take(dataDir);
  const target = join(dataDir, DATABASE_FILE);
  try {
    if (existsSync(target)) {
      throw new StoreFailureError(`${target} exists: restore into an empty DATA_DIR (move the current graph.db aside first)`);
    }
    say(`checking ${file}`);
    checkedCounts(file);
    const backup = new Database(file, { readonly: true, fileMustExist: true });
    try {
      await backup.backup(target);
    } finally {
      backup.close();
    }
    say(`checking ${target}`);
    return checkedCounts(target);
  } catch (error) {
    if (!(error instanceof StoreFailureError && error.message.startsWith(target))) rmSync(target, { force: true });
    throw error;
  } finally {
    lock.release();
  }
}

/** Verifies a database file (pages and records) and counts what it holds. */
function checkedCounts(file: string): StoreCounts {
  const db: Db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    verifyStore(db, file, 'pages');
    verifyStore(db, file, 'records');
    verifyStore(db, file, 'history');
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      entities: count('SELECT count(*) AS n FROM entities'),
      edges: count('SELECT count(*) AS n FROM edges'),
      revisions: count('SELECT count(*) AS n FROM revisions'),
    };
  } finally {
    db.close();
  }
}
