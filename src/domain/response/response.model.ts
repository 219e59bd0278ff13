import type { Direction } from '../model/graph.model';
import type { NumericShock, PropagationQuery, Shock } from '../propagation/propagation.model';

/** DOMAIN.md's response with feedback: the fuzzy-cognitive-map steady state, its series over time, and its uncertainty. */
export interface ResponseQuery {
  readonly shocks: readonly Shock[];
  /** Counterfactual: as if these entities and edges did not exist. */
  readonly disable?: PropagationQuery['disable'];
  /** 0..730: the series covers days 0..horizonDays. */
  readonly horizonDays: number;
  /** 1..365: each day an entity closes 1/adjustmentDays of the gap to its target. */
  readonly adjustmentDays: number;
  /** 0..1000 Monte-Carlo draws of the edges' weights. */
  readonly samples: number;
  readonly seed: number;
  readonly includeProposed?: boolean;
}

/** Percentiles of an entity's steady-state level over the Monte-Carlo draws. */
export interface Band {
  readonly p05: number;
  readonly p50: number;
  readonly p95: number;
  /** The share of draws in which the level has the steady state's sign. */
  readonly sameSign: number;
}

export interface EntityResponse {
  readonly entityId: string;
  /** Steady state, in [−1, 1]. */
  readonly level: number;
  /** null when the level is 0. */
  readonly direction: Direction | null;
  /** The level on days 0..horizonDays. */
  readonly series: readonly number[];
  /** The first day on which |level| is largest within the horizon. */
  readonly peakDay: number;
  /** With samples > 0. */
  readonly band: Band | null;
}

export interface Response {
  readonly converged: boolean;
  /** Updates made, the last one included. */
  readonly steps: number;
  /** Every non-shocked entity whose level is not 0: by |level| descending, then id. */
  readonly entities: readonly EntityResponse[];
  /** How many of the Monte-Carlo draws converged (0 without samples). */
  readonly samplesConverged: number;
  /** Days of the series whose same-day part did not settle within its bound (see series.ts); 0 as a rule. */
  readonly unsettledDays: number;
}

/** A response query in numbers (see NumericPropagationQuery). */
export interface NumericResponseQuery {
  /** In id order. */
  readonly shocks: readonly NumericShock[];
  readonly disabledEntities: readonly number[];
  readonly disabledEdges: readonly number[];
  readonly includeProposed: boolean;
  readonly horizonDays: number;
  readonly adjustmentDays: number;
  readonly samples: number;
  readonly seed: number;
}

export interface NumericEntityResponse {
  readonly node: number;
  readonly level: number;
  readonly series: Float64Array;
  readonly peakDay: number;
  readonly band: Band | null;
}

export interface NumericResponse {
  readonly converged: boolean;
  readonly steps: number;
  readonly entities: readonly NumericEntityResponse[];
  readonly samplesConverged: number;
  readonly unsettledDays: number;
}
