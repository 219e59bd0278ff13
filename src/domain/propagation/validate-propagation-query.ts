import { InvalidArgumentError } from '../errors';
import { LIMITS, requireCount, requireInRange } from '../limits/argument-limits';
import { DIRECTIONS } from '../model/graph.model';
import type { CausalGraph } from './causal-graph';
import type { NumericPropagationQuery, PropagationQuery } from './propagation.model';

/**
 * Rejects a query DOMAIN.md gives no meaning to, naming the argument and what is allowed;
 * returns it in the numbers of `graph`, as the walk takes it.
 */
export function validatePropagationQuery(graph: CausalGraph, query: PropagationQuery): NumericPropagationQuery {
  const limits = LIMITS.propagate;
  requireInRange('maxHops', query.maxHops, limits.maxHops);
  requireInRange('topPaths', query.topPaths, limits.topPaths);
  requireInRange('minStrength', query.minStrength, limits.minStrength);
  requireCount('shocks', query.shocks.length, limits.shocks, 'shocks');
  if (query.horizonDays != null) requireInRange('horizonDays', query.horizonDays, limits.horizonDays);
  const shocked = new Set(query.shocks.map((s) => s.entityId));
  const disabledEntities = query.disable?.entities ?? [];
  const disabledEdges = query.disable?.edges ?? [];
  requireCount('disable.entities', disabledEntities.length, limits.disabled, 'ids');
  requireCount('disable.edges', disabledEdges.length, limits.disabled, 'ids');
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
  const seen = new Set<string>();
  const shocks = query.shocks.map((shock, i) => {
    const at = `shocks[${i}]`;
    const node = graph.numberOf(shock.entityId);
    if (node < 0) {
      throw new InvalidArgumentError(`${at}.entityId`, `names no entity (got "${shock.entityId}"); find ids with the entities query`);
    }
    if (seen.has(shock.entityId)) {
      throw new InvalidArgumentError(`${at}.entityId`, `shocks "${shock.entityId}" a second time; give each entity one shock`);
    }
    seen.add(shock.entityId);
    if (!DIRECTIONS.includes(shock.direction)) {
      throw new InvalidArgumentError(`${at}.direction`, `must be one of ${DIRECTIONS.join(', ')}`);
    }
    requireInRange(`${at}.magnitude`, shock.magnitude, LIMITS.shock.magnitude);
    return { node, sign: shock.direction === 'UP' ? (1 as const) : (-1 as const), magnitude: shock.magnitude };
  });
  return {
    shocks: shocks.sort((a, b) => graph.view.entityRank[a.node] - graph.view.entityRank[b.node]),
    maxHops: query.maxHops,
    minStrength: query.minStrength,
    topPaths: query.topPaths,
    horizonDays: query.horizonDays ?? Infinity,
    disabledEntities: entities,
    disabledEdges: edges,
    includeProposed: query.includeProposed ?? false,
  };
}
