import { runAnalysisTask, type AnalysisKind, type AnalysisResult, type AnalysisTask } from '../domain/analysis/analysis-task';
import type { Deadline } from '../domain/errors';
import type { CausalGraph } from '../domain/propagation/causal-graph';
import type { AnalysisRunner } from './ports/analysis-runner.port';

/** Runs analyses on the calling thread: for tests, command-line tools and benchmarks. */
export class InlineRunner implements AnalysisRunner {
  async run<K extends AnalysisKind>(graph: CausalGraph, task: AnalysisTask<K>, deadline: Deadline): Promise<AnalysisResult<K>> {
    await Promise.resolve();
    return runAnalysisTask(graph.view, task, deadline);
  }

  async close(): Promise<void> {}
}
