import { LIMITS, requireInRange } from '../limits/argument-limits';
import type { CausalGraph } from '../propagation/causal-graph';
import { validateDisable, validateShocks } from '../propagation/validate-propagation-query';
import type { NumericResponseQuery, ResponseQuery } from './response.model';

/** Checks a response query, naming the argument and what is allowed; returns it in the numbers of `graph`. */
export function validateResponseQuery(graph: CausalGraph, query: ResponseQuery): NumericResponseQuery {
  const limits = LIMITS.response;
  requireInRange('horizonDays', query.horizonDays, limits.horizonDays);
  requireInRange('adjustmentDays', query.adjustmentDays, limits.adjustmentDays);
  requireInRange('samples', query.samples, limits.samples);
  requireInRange('seed', query.seed, limits.seed);
  const shocks = validateShocks(graph, query.shocks, limits.shocks);
  const { entities, edges } = validateDisable(graph, query.disable, new Set(query.shocks.map((s) => s.entityId)));
  return {
    shocks,
    disabledEntities: entities,
    disabledEdges: edges,
    includeProposed: query.includeProposed ?? false,
    horizonDays: query.horizonDays,
    adjustmentDays: query.adjustmentDays,
    samples: query.samples,
    seed: query.seed,
  };
}
