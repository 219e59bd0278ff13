import { InvalidArgumentError } from '../errors';
import { LIMITS, requireCount, requireInRange, type CountRange } from '../limits/argument-limits';
import { DIRECTIONS } from '../model/graph.model';
import type { CausalGraph } from './causal-graph';
import type { NumericPropagationQuery, NumericShock, PropagationQuery, Shock } from './propagation.model';

/**
 * Rejects a query DOMAIN.md gives no meaning to, naming the argument and what is allowed;
 * returns it in the numbers of `graph`, as the walk takes it.
 */
export function validatePropagationQuery(graph: CausalGraph, query: PropagationQuery): NumericPropagationQuery {
  const limits = LIMITS.propagate;
  requireInRange('maxHops', query.maxHops, limits.maxHops);
  requireInRange('topPaths', query.topPaths, limits.topPaths);
  requireInRange('minStrength', query.minStrength, limits.minStrength);
  if (query.horizonDays != null) requireInRange('horizonDays', query.horizonDays, limits.horizonDays);
  const shocks = validateShocks(graph, query.shocks, limits.shocks);
  const { entities, edges } = validateDisable(graph, query.disable, new Set(query.shocks.map((s) => s.entityId)));
  return {
    shocks,
    maxHops: query.maxHops,
    minStrength: query.minStrength,
    topPaths: query.topPaths,
    horizonDays: query.horizonDays ?? Infinity,
    disabledEntities: entities,
    disabledEdges: edges,
    includeProposed: query.includeProposed ?? false,
  };
}

/**
 * Shocks in numbers, at most one per entity, sorted in id order: analyses sum over what the
 * shocks cause in that order, which must not depend on how a backend numbered its entities.
 */
export function validateShocks(graph: CausalGraph, shocks: readonly Shock[], range: CountRange): NumericShock[] {
  requireCount('shocks', shocks.length, range, 'shocks');
  const seen = new Set<string>();
  const numeric = shocks.map((shock, i) => {
    const at = `shocks[${i}]`;
    if (seen.has(shock.entityId)) {
      throw new InvalidArgumentError(`${at}.entityId`, `shocks "${shock.entityId}" a second time; give each entity one shock`);
    }
    seen.add(shock.entityId);
    return validateShock(graph, shock, at);
  });
  const rank = graph.view.entityRank;
  return numeric.sort((a, b) => rank[a.node] - rank[b.node]);
}

/** One shock in numbers; `at` is how the client named it (`shocks[2]`, `from`). */
export function validateShock(graph: CausalGraph, shock: Shock, at: string): NumericShock {
  const node = graph.numberOf(shock.entityId);
  if (node < 0) {
    throw new InvalidArgumentError(`${at}.entityId`, `names no entity (got "${shock.entityId}"); find ids with the entities query`);
  }
  if (!DIRECTIONS.includes(shock.direction)) {
    throw new InvalidArgumentError(`${at}.direction`, `must be one of ${DIRECTIONS.join(', ')}`);
  }
  requireInRange(`${at}.magnitude`, shock.magnitude, LIMITS.shock.magnitude);
  return { node, sign: shock.direction === 'UP' ? 1 : -1, magnitude: shock.magnitude };
}

/** A counterfactual's entities and edges in numbers; a shocked entity cannot be removed. */
export function validateDisable(
  graph: CausalGraph,
  disable: PropagationQuery['disable'],
  shocked: ReadonlySet<string>,
): { entities: number[]; edges: number[] } {
  const disabledEntities = disable?.entities ?? [];
  const disabledEdges = disable?.edges ?? [];
  requireCount('disable.entities', disabledEntities.length, LIMITS.propagate.disabled, 'ids');
  requireCount('disable.edges', disabledEdges.length, LIMITS.propagate.disabled, 'ids');
  const entities = disabledEntities.map((id, i) => {
    const n = graph.numberOf(id);
    if (n < 0) throw new InvalidArgumentError(`disable.entities[${i}]`, `names no entity (got "${id}")`);
    if (shocked.has(id))
      throw new InvalidArgumentError(`disable.entities[${i}]`, `is shocked (got "${id}"); a shocked entity cannot also be removed`);
    return n;
  });
  const edges = disabledEdges.map((id, i) => {
    const e = graph.edgeNumberOf(id);
    if (e < 0) throw new InvalidArgumentError(`disable.edges[${i}]`, `names no active causal edge (got "${id}")`);
    return e;
  });
  return { entities, edges };
}
