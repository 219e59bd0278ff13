import type { NumericPath, NumericShock, Shock, TransmissionPath } from './propagation.model';

/** DOMAIN.md's channels from A to B: the surviving paths from the shock at A that end at B. */
export interface ChannelsQuery {
  readonly from: Shock;
  /** The entity the paths end at. */
  readonly to: string;
  /** 1..8 */
  readonly maxHops: number;
  /** [0, 1) */
  readonly minStrength: number;
  /** 1..1000 */
  readonly topPaths: number;
  /** Keep only paths that pass through every one of these entities. */
  readonly via?: readonly string[] | null;
  /** Keep only paths that pass through none of these entities. */
  readonly avoid?: readonly string[] | null;
  /** Walk proposed edges (awaiting review) too. */
  readonly includeProposed?: boolean;
}

/** An edge's share in a set of paths: the claims the answer hinges on. */
export interface EdgeContribution {
  readonly edgeId: string;
  /** The sum of the signed strengths of the paths in the set that use the edge. */
  readonly contribution: number;
  readonly pathCount: number;
}

export interface Channels {
  /** The `topPaths` strongest channels, in path order. */
  readonly paths: readonly TransmissionPath[];
  /** Every surviving channel, not only the listed ones. */
  readonly pathCount: number;
  /** The sum of every channel's signed strength. */
  readonly netEffect: number;
  /** |netEffect| / the sum of their strengths, in [0, 1]. */
  readonly agreement: number;
  /** Every edge some channel uses: by |contribution| descending, then edge id. */
  readonly contributions: readonly EdgeContribution[];
  /** How many edges the walk looked at: the work done, for benchmarks and tests. */
  readonly examinedEdges: number;
}

/** A channels query in numbers (see NumericPropagationQuery). */
export interface NumericChannelsQuery {
  readonly shock: NumericShock;
  readonly target: number;
  readonly maxHops: number;
  readonly minStrength: number;
  readonly topPaths: number;
  readonly via: readonly number[];
  readonly avoid: readonly number[];
  readonly includeProposed: boolean;
}

export interface NumericEdgeContribution {
  /** Edge number. */
  readonly edge: number;
  readonly contribution: number;
  readonly pathCount: number;
}

export interface NumericChannels {
  readonly paths: readonly NumericPath[];
  readonly pathCount: number;
  readonly netEffect: number;
  readonly agreement: number;
  readonly contributions: readonly NumericEdgeContribution[];
  readonly examinedEdges: number;
}
