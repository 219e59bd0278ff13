import type { GraphChange } from '../../domain/model/graph-change.model';
import type { IndexChange } from '../../domain/propagation/causal-index';

/**
 * What a store shared by several API replicas offers the cluster layer (src/cluster): its
 * change log by version, its own commits with the index change each made, and a way to be
 * told of other replicas' commits so that it need not ask the database for the version on
 * every request. Correctness never depends on being told: `refresh` reads the database.
 */
export interface ReplicatedStore {
  /** Committed changes after `afterVersion`, oldest first, at most `limit`. */
  changesSince(afterVersion: number, limit: number): Promise<GraphChange[]>;
  /**
   * Another replica committed `version`; `index` is the change it made to the causal index
   * (absent when too large for an event). Applied at once when the projection is just
   * before it; otherwise the next read catches up from the change log.
   */
  noteVersion(version: number, index?: IndexChange): void;
  /**
   * On: reads take the latest noted version as the graph's (no database round trip per
   * request). Off (the default, and whenever the event stream is interrupted): every read
   * asks the database.
   */
  trustNotedVersions(on: boolean): void;
  /** Reads the version from the database, notes it and brings the projection up to it; returns it. */
  refresh(): Promise<number>;
  /** Each commit of this process, after it, with the index change it made. */
  onCommit(listener: (change: GraphChange, index: IndexChange) => void): () => void;
}

export function isReplicatedStore(store: object): store is ReplicatedStore {
  return 'noteVersion' in store && 'refresh' in store && 'onCommit' in store;
}
