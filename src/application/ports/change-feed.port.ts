import type { GraphChange } from '../../domain/model/graph-change.model';

/** Called once per committed change; a listener must not throw and must return quickly. */
export type ChangeListener = (change: GraphChange) => void;

/**
 * Committed writes, as they happen: each store publishes what its own transactions
 * committed (after the commit, in version order); a shared bus (issue 19) adds other
 * replicas' changes. Live updates and cache invalidation listen here.
 */
export interface ChangeFeed {
  /** Adds a listener; the returned function removes it. */
  subscribe(listener: ChangeListener): () => void;
}
