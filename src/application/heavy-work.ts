import type { AnalysisKind, AnalysisResult, AnalysisTask } from '../domain/analysis/analysis-task';
import { Deadline } from '../domain/errors';
import type { CausalGraph } from '../domain/propagation/causal-graph';
import { UNLIMITED } from './heavy-work-limiter';
import { InlineRunner } from './inline-runner';
import type { AnalysisRunner } from './ports/analysis-runner.port';
import type { HeavyWorkLimiter } from './ports/heavy-work-limiter.port';

/** Who asks for the work and when it must end. */
export interface WorkOrder {
  readonly deadline: Deadline;
  /** The client the per-client limit counts against: `token:<name>` or `address:<ip>`. */
  readonly client: string;
}

export const LOCAL_WORK: WorkOrder = { deadline: Deadline.NONE, client: 'local' };

/** Heavy analyses: a place under the client's limit, then the runner (in line or on the pool). */
export class HeavyWork {
  constructor(
    readonly runner: AnalysisRunner = new InlineRunner(),
    readonly limiter: HeavyWorkLimiter = UNLIMITED,
  ) {}

  async run<K extends AnalysisKind>(graph: CausalGraph, task: AnalysisTask<K>, order: WorkOrder): Promise<AnalysisResult<K>> {
    const release = await this.limiter.acquire(order.client);
    try {
      order.deadline.check();
      return await this.runner.run(graph, task, order.deadline);
    } finally {
      release();
    }
  }
}
