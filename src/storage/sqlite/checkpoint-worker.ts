/**
 * WAL checkpoints on a thread of their own: every CHECKPOINT_EVERY_MS a PASSIVE checkpoint
 * over a second connection copies committed pages from graph.db-wal into graph.db, so that a
 * write's commit never pays for one on the event loop (SQLite's automatic checkpoint runs in
 * the commit that crosses its threshold: the slowest writes were those). PASSIVE never
 * blocks the writer or readers; it copies what no reader still needs and leaves the rest for
 * the next round. Stops on the message 'stop', answering 'stopped' once its connection is
 * closed; any failure is posted as its message (the store then checkpoints in its commits).
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const { file, everyMs } = workerData as { file: string; everyMs: number };
const db = new Database(file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    clearInterval(timer);
    db.close();
    parentPort!.postMessage((error as Error).message);
  }
}, everyMs);

parentPort!.on('message', (message: unknown) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  if (db.open) db.close();
  parentPort!.postMessage('stopped');
  parentPort!.close();
});
