import { Deadline, InvalidArgumentError } from '../errors';
import { LIMITS, requireInRange } from '../limits/argument-limits';
import type { CausalGraph } from '../propagation/causal-graph';
import { entitiesInIdOrder, type IndexView } from '../propagation/index-view';
import { walkPropagation } from '../propagation/propagate';

export interface EntityInfluence {
  readonly entityId: string;
  /** Sum of the impact strengths a unit UP shock to this entity produces (its reach, weighted). */
  readonly influence: number;
  /** How many entities that shock reaches. */
  readonly reaches: number;
  /** Sum of the impact strengths this entity receives over unit UP shocks to every other entity. */
  readonly exposure: number;
  /** How many entities' shocks reach it. */
  readonly reachedBy: number;
}

export interface InfluenceQuery {
  readonly maxHops: number;
  readonly minStrength: number;
  /** Walk proposed edges (awaiting review) too. */
  readonly includeProposed?: boolean;
}

/** Rankings shock every entity in turn: graphs larger than this are refused. */
export const INFLUENCE_MAX_ENTITIES = 20_000;

const cache = new WeakMap<CausalGraph, Map<string, EntityInfluence[]>>();

/**
 * Leverage points and vulnerable spots: every entity is shocked UP with magnitude 1 in turn
 * (maxHops, minStrength as given); influence sums the strengths of the impacts it causes,
 * exposure the strengths of the impacts it receives. Computed once per graph version and
 * parameters.
 */
export function influenceOf(graph: CausalGraph, query: InfluenceQuery, deadline: Deadline = Deadline.NONE): EntityInfluence[] {
  checkInfluenceQuery(graph, query);
  const key = `${query.maxHops}/${query.minStrength}/${query.includeProposed ?? false}`;
  const perGraph = cache.get(graph) ?? new Map<string, EntityInfluence[]>();
  cache.set(graph, perGraph);
  const cached = perGraph.get(key);
  if (cached) return cached;

  const numbers = influenceNumbers(graph.view, query, deadline);
  const result = influenceToIds(graph, numbers);
  perGraph.set(key, result);
  return result;
}

/** Influence in numbers, per entity number, with the entities in id order (a worker thread computes it). */
export interface NumericInfluence {
  readonly inIdOrder: Int32Array;
  readonly influence: Float64Array;
  readonly reaches: Int32Array;
  readonly exposure: Float64Array;
  readonly reachedBy: Int32Array;
}

/** Checks the ranges and the graph's size (influence shocks every entity in turn). */
export function checkInfluenceQuery(graph: CausalGraph, query: InfluenceQuery): void {
  requireInRange('maxHops', query.maxHops, LIMITS.rankings.maxHops);
  requireInRange('minStrength', query.minStrength, LIMITS.rankings.minStrength);
  if (graph.entityCount > INFLUENCE_MAX_ENTITIES) {
    throw new InvalidArgumentError(
      'maxHops',
      `influence is computed for graphs of at most ${INFLUENCE_MAX_ENTITIES} entities (this one has ${graph.entityCount})`,
    );
  }
}

export function influenceToIds(graph: CausalGraph, numbers: NumericInfluence): EntityInfluence[] {
  const { inIdOrder, influence, reaches, exposure, reachedBy } = numbers;
  return Array.from(inIdOrder, (i) => ({
    entityId: graph.entityId(i),
    influence: influence[i],
    reaches: reaches[i],
    exposure: exposure[i],
    reachedBy: reachedBy[i],
  }));
}

/** The walks of `influenceOf`, on the numeric index alone. */
export function influenceNumbers(view: IndexView, query: InfluenceQuery, deadline: Deadline = Deadline.NONE): NumericInfluence {
  const n = view.entityCount;
  const influence = new Float64Array(n);
  const reaches = new Int32Array(n);
  const exposure = new Float64Array(n);
  const reachedBy = new Int32Array(n);
  const inIdOrder = entitiesInIdOrder(view);
  for (const i of inIdOrder) {
    if (view.outStart[i] === view.outEnd[i]) continue;
    const { impacts } = walkPropagation(
      view,
      {
        shocks: [{ node: i, sign: 1, magnitude: 1 }],
        maxHops: query.maxHops,
        minStrength: query.minStrength,
        topPaths: 1,
        horizonDays: Infinity,
        disabledEntities: [],
        disabledEdges: [],
        includeProposed: query.includeProposed ?? false,
      },
      deadline,
    );
    for (const impact of impacts) {
      const j = impact.node;
      influence[i] += impact.strength;
      reaches[i]++;
      exposure[j] += impact.strength;
      reachedBy[j]++;
    }
  }
  return { inIdOrder, influence, reaches, exposure, reachedBy };
}
