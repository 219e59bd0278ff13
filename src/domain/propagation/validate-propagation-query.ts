import { InvalidArgumentError, requireIntInRange } from '../errors';
import { DIRECTIONS } from '../model/graph.model';
import type { CausalGraph } from './causal-graph';
import { PROPAGATION_LIMITS, type PropagationQuery } from './propagation.model';

/** Rejects a query DOMAIN.md gives no meaning to, naming the argument and what is allowed. */
export function validatePropagationQuery(graph: CausalGraph, query: PropagationQuery): void {
  const { shocks, maxHops, topPaths } = PROPAGATION_LIMITS;
  requireIntInRange('maxHops', query.maxHops, maxHops.min, maxHops.max);
  requireIntInRange('topPaths', query.topPaths, topPaths.min, topPaths.max);
  if (!Number.isFinite(query.minStrength) || query.minStrength < 0 || query.minStrength >= 1) {
    throw new InvalidArgumentError('minStrength', `must be a number in [0, 1) (got ${query.minStrength})`);
  }
  if (query.shocks.length < shocks.min || query.shocks.length > shocks.max) {
    throw new InvalidArgumentError('shocks', `must list from ${shocks.min} to ${shocks.max} shocks (got ${query.shocks.length})`);
  }
  if (query.horizonDays != null) {
    requireIntInRange('horizonDays', query.horizonDays, PROPAGATION_LIMITS.horizonDays.min, PROPAGATION_LIMITS.horizonDays.max);
  }
  const shocked = new Set(query.shocks.map((s) => s.entityId));
  const disabledEntities = query.disable?.entities ?? [];
  const disabledEdges = query.disable?.edges ?? [];
  for (const [argument, list] of [
    ['disable.entities', disabledEntities],
    ['disable.edges', disabledEdges],
  ] as const) {
    if (list.length > PROPAGATION_LIMITS.disabled.max) {
      throw new InvalidArgumentError(argument, `must list at most ${PROPAGATION_LIMITS.disabled.max} ids (got ${list.length})`);
    }
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
    if (!Number.isFinite(shock.magnitude) || shock.magnitude <= 0 || shock.magnitude > 1) {
      throw new InvalidArgumentError(`${at}.magnitude`, `must be a number in (0, 1] (got ${shock.magnitude})`);
    }
  });
}
