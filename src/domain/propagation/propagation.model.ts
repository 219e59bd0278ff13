import type { Direction } from '../model/graph.model';

/** An exogenous move of one entity: DOMAIN.md's `(entity, direction, magnitude)`. */
export interface Shock {
  readonly entityId: string;
  readonly direction: Direction;
  /** In (0, 1]. */
  readonly magnitude: number;
}

export interface PropagationQuery {
  readonly shocks: readonly Shock[];
  /** 1..8 */
  readonly maxHops: number;
  /** [0, 1): paths weaker than this are dropped (a path exactly at it is kept). */
  readonly minStrength: number;
  /** 1..1000 */
  readonly topPaths: number;
  /** Keep only paths whose summed lag is at most this many days; absent: no limit. */
  readonly horizonDays?: number | null;
  /** Counterfactual: propagate as if these entities and edges did not exist. */
  readonly disable?: { readonly entities?: readonly string[] | null; readonly edges?: readonly string[] | null } | null;
  /** Walk proposed edges (awaiting review) too; by default only accepted ones count. */
  readonly includeProposed?: boolean;
}

export interface TransmissionPath {
  /** From the shocked entity to the reached one: hops + 1 ids. */
  readonly entityIds: readonly string[];
  /** hops ids. */
  readonly edgeIds: readonly string[];
  readonly hops: number;
  readonly strength: number;
  readonly direction: Direction;
  /** Sum of the edges' lags: when the move arrives, in days after the shock. */
  readonly lagDays: number;
}

export interface Impact {
  readonly entityId: string;
  /** Direction of the first of the entity's paths in path order. */
  readonly direction: Direction;
  /** The strongest path's strength. */
  readonly strength: number;
  /** The fewest hops among the entity's paths. */
  readonly hops: number;
  readonly pathCount: number;
  /** Paths of both directions end at the entity. */
  readonly mixed: boolean;
  /** The earliest arrival over its paths, in days after the shock. */
  readonly earliestArrivalDays: number;
  /** The sum of its paths' signed strengths (+ UP, − DOWN): the total effect within the query's bounds. */
  readonly netEffect: number;
  /** |netEffect| / the sum of its paths' strengths, in [0, 1]: 1 when every path points the same way. */
  readonly agreement: number;
}

export interface Propagation {
  /** Every reached entity other than the shocked ones, strongest first, then by id. */
  readonly impacts: readonly Impact[];
  /** The top K paths in path order. */
  readonly paths: readonly TransmissionPath[];
  /** How many edges the expansion looked at: the work done, for benchmarks. */
  readonly examinedEdges: number;
}

/** A shock in numbers: entity number, +1 UP / −1 DOWN, magnitude. */
export interface NumericShock {
  readonly node: number;
  readonly sign: 1 | -1;
  readonly magnitude: number;
}

/**
 * A propagation query in numbers, as the walk takes it (and a worker thread receives it):
 * ids already checked and turned into entity and edge numbers of one index version.
 */
export interface NumericPropagationQuery {
  /** In id order: the walk sums over paths in the order it finds them, which must not depend on numbering. */
  readonly shocks: readonly NumericShock[];
  readonly maxHops: number;
  readonly minStrength: number;
  readonly topPaths: number;
  /** The latest arrival kept, in days; Infinity without a horizon. */
  readonly horizonDays: number;
  readonly disabledEntities: readonly number[];
  readonly disabledEdges: readonly number[];
  readonly includeProposed: boolean;
}

export interface NumericPath {
  readonly nodes: readonly number[];
  /** Edge numbers. */
  readonly edges: readonly number[];
  readonly strength: number;
  readonly sign: 1 | -1;
  readonly lagDays: number;
}

export interface NumericImpact {
  readonly node: number;
  readonly sign: 1 | -1;
  readonly strength: number;
  readonly hops: number;
  readonly pathCount: number;
  readonly mixed: boolean;
  readonly earliestArrivalDays: number;
  readonly netEffect: number;
  readonly agreement: number;
}

export interface NumericPropagation {
  readonly impacts: readonly NumericImpact[];
  readonly paths: readonly NumericPath[];
  readonly examinedEdges: number;
}
