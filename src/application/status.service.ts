import type { CausalIndexSource } from './ports/causal-index.port';
import type { GraphReads } from './ports/graph-reads.port';

/** What the probes and the response cache ask of the graph: its size, its version, its backend. */
export class StatusService {
  constructor(
    readonly backend: string,
    private readonly reads: Pick<GraphReads, 'counts'>,
    private readonly index: Pick<CausalIndexSource, 'graphVersion'>,
  ) {}

  counts(): Promise<{ entities: number; edges: number }> {
    return this.reads.counts();
  }

  graphVersion(): Promise<string> {
    return this.index.graphVersion();
  }
}
