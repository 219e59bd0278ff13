import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { CausalEdge, Entity, Source } from '../../domain/model/graph.model';
import { StoreFailureError } from '../store-errors';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One accepted write: the record's full new state (so replay is a plain upsert). */
export type LoggedWrite =
  | { readonly op: 'entity'; readonly entity: Entity }
  | { readonly op: 'source'; readonly source: Source }
  | { readonly op: 'edge'; readonly edge: CausalEdge; readonly idempotencyKey?: string }
  /** Several writes as one line: all of them survive a crash, or none. */
  | { readonly op: 'batch'; readonly writes: readonly LoggedWrite[] };

/**
 * The embedded store's durability: an append-only JSON-lines file under DATA_DIR. A write
 * is one line, written and fsynced before the API answers, so an acknowledged write
 * survives `kill -9` the moment after. A line cut short by a crash mid-write was never
 * acknowledged; it is dropped (and the file trimmed) when the log is read back.
 */
export class WriteLog {
  private fd: number | undefined;

  private constructor(
    readonly path: string,
    private readonly lockPath: string,
  ) {}

  /** Opens (creating) `writes.jsonl` in `dir`; returns the log and the writes already in it. */
  static open(dir: string, warn: (line: string) => void = () => {}): { log: WriteLog; writes: LoggedWrite[] } {
    mkdirSync(dir, { recursive: true });
    const log = new WriteLog(join(dir, 'writes.jsonl'), join(dir, 'writes.lock'));
    log.lock();
    const writes = log.readBack(warn);
    log.fd = openSync(log.path, 'a');
    if (writes.length === 0) {
      // Make the file's creation itself durable.
      const dirFd = openSync(dir, 'r');
      try {
        fsyncSync(dirFd);
      } finally {
        closeSync(dirFd);
      }
    }
    return { log, writes };
  }

  append(write: LoggedWrite): void {
    if (this.fd === undefined) throw new StoreFailureError('the write log is closed');
    try {
      writeSync(this.fd, `${JSON.stringify(write)}\n`);
      fsyncSync(this.fd);
    } catch (error) {
      throw new StoreFailureError(`cannot write to ${this.path}`, { cause: error });
    }
  }

  close(): void {
    if (this.fd !== undefined) {
      closeSync(this.fd);
      rmSync(this.lockPath, { force: true });
    }
    this.fd = undefined;
  }

  /**
   * One process at a time appends: a second one (an API and `npm run graph -- import` on
   * the same DATA_DIR) would interleave lines and never see the other's writes. A lock left
   * by a process that died (kill -9) is taken over.
   */
  private lock(): void {
    for (;;) {
      try {
        writeFileSync(this.lockPath, String(process.pid), { flag: 'wx' });
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = Number(readFileSync(this.lockPath, 'utf8'));
      if (Number.isInteger(holder) && holder !== process.pid && alive(holder)) {
        throw new StoreFailureError(
          `${this.path} is in use by process ${holder} (a running API?); stop it first, or write through the API`,
        );
      }
      rmSync(this.lockPath, { force: true });
    }
  }

  private readBack(warn: (line: string) => void): LoggedWrite[] {
    if (!existsSync(this.path)) return [];
    const text = readFileSync(this.path, 'utf8');
    const complete = text.lastIndexOf('\n') + 1;
    if (complete < text.length) {
      warn(`${this.path}: dropping a last line cut short by a crash (${text.length - complete} bytes, never acknowledged)`);
      truncateSync(this.path, Buffer.byteLength(text.slice(0, complete), 'utf8'));
    }
    return text
      .slice(0, complete)
      .split('\n')
      .filter((line) => line !== '')
      .map((line, i) => {
        try {
          return JSON.parse(line) as LoggedWrite;
        } catch {
          throw new StoreFailureError(
            `${this.path}: line ${i + 1} is not a write record; the log is damaged, refusing to start without it`,
          );
        }
      });
  }
}
