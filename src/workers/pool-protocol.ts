import type { AnalysisKind, AnalysisTask } from '../domain/analysis/analysis-task';
import type { TransferableView } from '../domain/propagation/index-view';

/** On the pool's BroadcastChannel: a version of the index (main → threads), or a thread asking for one. */
export type VersionMessage =
  | { readonly type: 'version'; readonly version: number; readonly view: TransferableView }
  | { readonly type: 'need'; readonly version: number };

/** One task as a thread receives it. */
export interface PoolTask {
  readonly version: number;
  readonly task: AnalysisTask<AnalysisKind>;
  /** The deadline as wall-clock milliseconds (performance.timeOrigin + performance.now()). */
  readonly deadlineAt: number;
  readonly budgetMs: number;
}

/** A thread's answer: the result, or an error meant for the client. */
export type TaskOutcome =
  | { readonly ok: true; readonly result: unknown }
  | {
      readonly ok: false;
      readonly error:
        | { readonly type: 'invalid'; readonly argument: string; readonly problem: string }
        | { readonly type: 'deadline'; readonly message: string };
    };
