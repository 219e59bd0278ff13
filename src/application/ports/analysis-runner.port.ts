import type { AnalysisKind, AnalysisResult, AnalysisTask } from '../../domain/analysis/analysis-task';
import type { Deadline } from '../../domain/errors';
import type { CausalGraph } from '../../domain/propagation/causal-graph';

/**
 * Where heavy analyses run: in line (tests, CLIs, benchmarks) or on a pool of worker threads
 * (the server), so that one long walk never holds up the event loop. Either way the answer
 * is `runAnalysisTask`'s on the graph's numeric view; only where it runs differs.
 */
export interface AnalysisRunner {
  /**
   * Runs the task on this version of the index. Rejects with the analysis's own error
   * (InvalidArgumentError, DeadlineExceededError), or DeadlineExceededError when the work is
   * still running at the deadline (a worker is then stopped and replaced).
   */
  run<K extends AnalysisKind>(graph: CausalGraph, task: AnalysisTask<K>, deadline: Deadline): Promise<AnalysisResult<K>>;
  /** Stops the threads, if any. */
  close(): Promise<void>;
}
