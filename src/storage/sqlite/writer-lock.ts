import Database, { type Database as Db } from 'better-sqlite3';
import { join } from 'node:path';
import { StoreFailureError } from '../store-errors';

export const LOCK_FILE = 'writer.lock';

/**
 * One writing process per data directory, with SQLite's own file locking: a small
 * database opened in exclusive locking mode and written once holds an exclusive lock until
 * the process closes it or dies (kill -9 included), and the lock is the kernel's, so a
 * second container on the same volume is refused as surely as a second process. Readers
 * (backups, exports) open graph.db without it.
 */
export class WriterLock {
  private constructor(private db: Db | undefined) {}

  static take(dataDir: string): WriterLock {
    const file = join(dataDir, LOCK_FILE);
    let db: Db | undefined;
    try {
      db = new Database(file, { timeout: 0 });
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS holder (since TEXT); COMMIT;');
      return new WriterLock(db);
    } catch (error) {
      db?.close();
      if ((error as { code?: string }).code === 'SQLITE_BUSY') {
        throw new StoreFailureError(
          `${dataDir} is in use by another process (a running API, or npm run graph); stop it first, or write through the API`,
        );
      }
      throw new StoreFailureError(`cannot lock ${file}: ${(error as Error).message}`, { cause: error });
    }
  }

  release(): void {
    if (this.db?.open) this.db.close();
    this.db = undefined;
  }
}
