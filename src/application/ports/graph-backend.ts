import type { CausalIndexSource } from './causal-index.port';
import type { ChangeFeed } from './change-feed.port';
import type { GraphBulk } from './graph-bulk.port';
import type { GraphReads } from './graph-reads.port';
import type { GraphWrites } from './graph-writes.port';

/**
 * Everything one storage adapter provides, by role. Services take only the roles they
 * need; the composition root is the one place that builds a backend and knows its adapter.
 */
export interface GraphBackend extends GraphReads, CausalIndexSource, GraphWrites, GraphBulk {
  /** The adapter's name, as /health and logs show it. */
  readonly backend: string;
  /** What this process's writes committed, after each commit, in version order. */
  readonly changes: ChangeFeed;
  close(): Promise<void>;
}
