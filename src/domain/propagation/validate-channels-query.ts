import { InvalidArgumentError } from '../errors';
import { LIMITS, requireCount, requireInRange } from '../limits/argument-limits';
import type { CausalGraph } from './causal-graph';
import type { ChannelsQuery, NumericChannelsQuery } from './channels.model';
import { validateShock } from './validate-propagation-query';

/** Checks a channels query as DOMAIN.md gives it meaning and returns it in the numbers of `graph`. */
export function validateChannelsQuery(graph: CausalGraph, query: ChannelsQuery): NumericChannelsQuery {
  const limits = LIMITS.channels;
  requireInRange('maxHops', query.maxHops, limits.maxHops);
  requireInRange('minStrength', query.minStrength, limits.minStrength);
  requireInRange('topPaths', query.topPaths, limits.topPaths);
  const shock = validateShock(graph, query.from, 'from');
  const target = graph.numberOf(query.to);
  if (target < 0) throw new InvalidArgumentError('to', `names no entity (got "${query.to}"); find ids with the entities query`);
  if (target === shock.node) throw new InvalidArgumentError('to', `is the shocked entity itself (got "${query.to}"); name another entity`);
  const via = query.via ?? [];
  const avoid = query.avoid ?? [];
  requireCount('via', via.length, limits.via, 'ids');
  requireCount('avoid', avoid.length, limits.avoid, 'ids');
  const ends = new Set([query.from.entityId, query.to]);
  const entities = (argument: 'via' | 'avoid', ids: readonly string[], other: ReadonlySet<string>) => {
    const seen = new Set<string>();
    return ids.map((id, i) => {
      const at = `${argument}[${i}]`;
      const n = graph.numberOf(id);
      if (n < 0) throw new InvalidArgumentError(at, `names no entity (got "${id}")`);
      if (ends.has(id)) throw new InvalidArgumentError(at, `is an end of the channels (got "${id}"); list entities between from and to`);
      if (seen.has(id)) throw new InvalidArgumentError(at, `lists "${id}" a second time`);
      if (other.has(id)) throw new InvalidArgumentError(at, `is in both via and avoid (got "${id}"); no path could pass`);
      seen.add(id);
      return n;
    });
  };
  return {
    shock,
    target,
    maxHops: query.maxHops,
    minStrength: query.minStrength,
    topPaths: query.topPaths,
    via: entities('via', via, new Set()),
    avoid: entities('avoid', avoid, new Set(via)),
    includeProposed: query.includeProposed ?? false,
  };
}
