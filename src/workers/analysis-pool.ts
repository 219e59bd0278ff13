import { defaultThreadCount } from '../config';
import { join } from 'node:path';
import { BroadcastChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { AnalysisRunner } from '../application/ports/analysis-runner.port';
import type { AnalysisKind, AnalysisResult, AnalysisTask } from '../domain/analysis/analysis-task';
import { type Deadline, DeadlineExceededError, InvalidArgumentError } from '../domain/errors';
import { TooBusyError } from '../application/ports/heavy-work-limiter.port';
import type { CausalGraph } from '../domain/propagation/causal-graph';
import { toTransferable, type IndexView, type TransferableView } from '../domain/propagation/index-view';
import type { PoolTask, TaskOutcome, VersionMessage } from './pool-protocol';

export interface AnalysisPoolOptions {
  /** Worker threads (ANALYSIS_THREADS); the machine's parallelism by default. */
  readonly threads?: number;
  /** Tasks that may wait for a thread; past it a task is refused at once (TooBusyError upstream). */
  readonly maxQueue?: number;
  /**
   * How long past its deadline a task may run before its thread is stopped: the walks look
   * at the clock every few thousand steps and end themselves well within it.
   */
  readonly graceMs?: number;
}

let channelCount = 0;

/**
 * The worker-thread pool heavy analyses run on (piscina). Every version of the causal index
 * is sent to the threads once, as handles to its SharedArrayBuffers, on a BroadcastChannel;
 * a task carries only its numeric query and the version it runs on. A task still running at
 * its deadline (plus a short grace) has its thread terminated, and piscina starts another.
 */
export class AnalysisPool implements AnalysisRunner {
  private readonly pool: Piscina;
  private readonly channel: BroadcastChannel;
  private readonly graceMs: number;
  private readonly versionOf = new WeakMap<IndexView, number>();
  /** Versions a thread may still ask for: the newest, and those tasks in flight run on. */
  private readonly live = new Map<number, { readonly view: TransferableView; users: number }>();
  private newest = -1;
  private nextVersion = 0;
  /** Threads terminated for running past their deadline (tests, logs). */
  aborted = 0;

  constructor(options: AnalysisPoolOptions = {}) {
    const threads = options.threads ?? defaultThreadCount();
    const name = `macro-graph-index-${process.pid}-${++channelCount}`;
    this.graceMs = options.graceMs ?? 250;
    this.channel = new BroadcastChannel(name);
    this.channel.unref();
    this.channel.onmessage = (event) => {
      const message = (event as { data: VersionMessage }).data;
      if (message.type !== 'need') return;
      const entry = this.live.get(message.version);
      if (entry) this.channel.postMessage({ type: 'version', version: message.version, view: entry.view } satisfies VersionMessage);
    };
    const script = workerScript();
    this.pool = new Piscina({
      filename: script.filename,
      minThreads: threads,
      maxThreads: threads,
      maxQueue: options.maxQueue ?? threads * 16,
      idleTimeout: Infinity,
      workerData: { channel: name, sourceEntry: script.sourceEntry },
    });
  }

  get threads(): number {
    return this.pool.threads.length;
  }

  /** Tasks waiting for a thread. */
  get queued(): number {
    return this.pool.queueSize;
  }

  async run<K extends AnalysisKind>(graph: CausalGraph, task: AnalysisTask<K>, deadline: Deadline): Promise<AnalysisResult<K>> {
    const { version, entry } = this.publish(graph.view);
    const abort = new AbortController();
    const remaining = deadline.at - performance.now();
    const timer = Number.isFinite(remaining) ? setTimeout(() => abort.abort(), Math.max(0, remaining) + this.graceMs) : undefined;
    const message: PoolTask = {
      version,
      task,
      deadlineAt: performance.timeOrigin + deadline.at,
      budgetMs: deadline.budgetMs,
    };
    try {
      const outcome = (await this.pool.run(message, { signal: abort.signal })) as TaskOutcome;
      if (outcome.ok) return outcome.result as AnalysisResult<K>;
      const { error } = outcome;
      throw error.type === 'invalid' ? new InvalidArgumentError(error.argument, error.problem) : new DeadlineExceededError(error.message);
    } catch (error) {
      if (!abort.signal.aborted) {
        if ((error as Error).message === 'Task queue is at limit') {
          throw new TooBusyError('The server is busy with other analyses. Retry after the time in Retry-After.', 1);
        }
        throw error;
      }
      // Still queued, or running past the deadline: in that case its thread was terminated.
      this.aborted++;
      throw new DeadlineExceededError(
        `the request took longer than ${deadline.budgetMs / 1000} s and was stopped; ask for less (fewer hops or shocks, a higher minStrength)`,
      );
    } finally {
      if (timer) clearTimeout(timer);
      entry.users--;
      this.forget();
    }
  }

  async close(): Promise<void> {
    this.channel.close();
    await this.pool.destroy();
  }

  /** The version number of this view, held for one task; broadcast to the threads when it is not live yet. */
  private publish(view: IndexView): { version: number; entry: { users: number } } {
    const known = this.versionOf.get(view);
    const live = known === undefined ? undefined : this.live.get(known);
    if (live) {
      live.users++;
      return { version: known!, entry: live };
    }
    const version = known ?? this.nextVersion++;
    this.versionOf.set(view, version);
    const entry = { view: toTransferable(view), users: 1 };
    this.live.set(version, entry);
    if (version > this.newest) this.newest = version;
    this.channel.postMessage({ type: 'version', version, view: entry.view } satisfies VersionMessage);
    return { version, entry };
  }

  private forget(): void {
    for (const [version, entry] of this.live) if (entry.users === 0 && version !== this.newest) this.live.delete(version);
  }
}

/**
 * The thread's script: the built JavaScript beside this file, or, when this module runs as
 * TypeScript (ts-jest), a loader that compiles the same worker source on the thread, so
 * tests run the real worker code.
 */
function workerScript(): { readonly filename: string; readonly sourceEntry?: string } {
  if (__filename.endsWith('.js')) return { filename: join(__dirname, 'analysis-worker.js') };
  return { filename: join(__dirname, 'ts-source-worker.js'), sourceEntry: join(__dirname, 'analysis-worker.ts') };
}
