/**
 * Start-up checks of graph.db on a thread of their own: SQLite's quick_check and every
 * record's checksum, over a read-only connection, while the main thread builds the causal
 * index from the same file. Posts the problem's message, or null when the file is sound.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { verifyStore } from './sqlite-integrity';

const { file } = workerData as { file: string };
const db = new Database(file, { readonly: true, fileMustExist: true });
try {
  db.pragma('cache_size = -65536');
  verifyStore(db, file, 'quick-pages');
  verifyStore(db, file, 'records');
  parentPort!.postMessage(null);
} catch (error) {
  parentPort!.postMessage((error as Error).message);
} finally {
  db.close();
}
