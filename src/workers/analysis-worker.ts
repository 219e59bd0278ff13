/**
 * A thread of the analysis pool (analysis-pool.ts). Versions of the causal index arrive on a
 * BroadcastChannel, once each, as handles to the SharedArrayBuffers the main thread built;
 * a task names the version it runs on and carries only its query in numbers. Errors the
 * client should see come back as values, so the main thread can rebuild them.
 */
import { BroadcastChannel, workerData } from 'node:worker_threads';
import { runAnalysisTask } from '../domain/analysis/analysis-task';
import { Deadline, DeadlineExceededError, InvalidArgumentError } from '../domain/errors';
import { fromTransferable, type IndexView } from '../domain/propagation/index-view';
import type { PoolTask, TaskOutcome, VersionMessage } from './pool-protocol';

/** Versions kept: the newest few, so tasks queued just before a write still find theirs. */
const KEPT_VERSIONS = 4;

const channel = new BroadcastChannel((workerData as { channel: string }).channel);
channel.unref();
const views = new Map<number, IndexView>();
const waiting = new Map<number, Array<(view: IndexView) => void>>();

channel.onmessage = (event) => {
  const message = (event as { data: VersionMessage }).data;
  if (message.type !== 'version' || views.has(message.version)) return;
  const view = fromTransferable(message.view);
  views.set(message.version, view);
  for (const version of views.keys()) {
    if (views.size <= KEPT_VERSIONS) break;
    views.delete(version);
  }
  for (const resolve of waiting.get(message.version) ?? []) resolve(view);
  waiting.delete(message.version);
};

function viewOf(version: number): IndexView | Promise<IndexView> {
  const view = views.get(version);
  if (view) return view;
  return new Promise((resolve) => {
    const list = waiting.get(version) ?? [];
    waiting.set(version, list);
    list.push(resolve);
    // A thread started (or a version dropped) after the broadcast asks for it again.
    channel.postMessage({ type: 'need', version } satisfies VersionMessage);
  });
}

export default async function runTask(task: PoolTask): Promise<TaskOutcome> {
  const view = await viewOf(task.version);
  // performance.now() counts from each thread's own start: the deadline travels as wall time.
  const deadline = new Deadline(task.deadlineAt - performance.timeOrigin, task.budgetMs);
  try {
    return { ok: true, result: runAnalysisTask(view, task.task, deadline) };
  } catch (error) {
    if (error instanceof InvalidArgumentError)
      return { ok: false, error: { type: 'invalid', argument: error.argument, problem: error.problem } };
    if (error instanceof DeadlineExceededError) return { ok: false, error: { type: 'deadline', message: error.message } };
    throw error;
  }
}
