import { InvalidArgumentError } from '../errors';
import { LIMITS, requireCount, requireInRange } from '../limits/argument-limits';
import { DIRECTIONS } from '../model/graph.model';
import type { CausalGraph } from './causal-graph';
import type { PropagationQuery } from './propagation.model';

/** Rejects a query DOMAIN.md gives no meaning to, naming the argument and what is allowed. */
export function validatePropagationQuery(graph: CausalGraph, query: PropagationQuery): void {
  const limits = LIMITS.propagate;
  requireInRange('maxHops', query.maxHops, limits.maxHops);
  requireInRange('topPaths', query.topPaths, limits.topPaths);
  requireInRange('minStrength', query.minStrength, limits.minStrength);
  requireCount('shocks', query.shocks.length, limits.shocks, 'shocks');
  if (query.horizonDays != null) requireInRange('horizonDays', query.horizonDays, limits.horizonDays);
  const shocked = new Set(query.shocks.map((s) => s.entityId));
  const disabledEntities = query.disable?.entities ?? [];
  const disabledEdges = query.disable?.edges ?? [];
  for (const [argument, list] of [
    ['disable.entities', disabledEntities],
    ['disable.edges', disabledEdges],
  ] as const) {
    requireCount(argument, list.length, limits.disabled, 'ids');
  }
  disabledEntities.forEach((id, i) => {
    if (graph.numberOf(id) < 0) throw new InvalidArgumentError(`disable.entities[${i}]`, `names no entity (got "${id}")`);
    if (shocked.has(id))
      throw new InvalidArgumentError(`disable.entities[${i}]`, `is shocked (got "${id}"); a shocked entity cannot also be removed`);
  });
  disabledEdges.forEach((id, i) => {
    if (graph.edgeNumberOf(id) < 0) throw new InvalidArgumentError(`disable.edges[${i}]`, `names no active causal edge (got "${id}")`);
  });
  const seen = new Set<string>();
  query.shocks.forEach((shock, i) => {
    const at = `shocks[${i}]`;
    if (graph.numberOf(shock.entityId) < 0) {
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
  });
}
