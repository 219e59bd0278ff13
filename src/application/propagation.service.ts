import { channels } from '../domain/propagation/channels';
import type { Channels, ChannelsQuery } from '../domain/propagation/channels.model';
import { comparePropagations, type PropagationComparison } from '../domain/propagation/compare-propagations';
import { propagate } from '../domain/propagation/propagate';
import type { Propagation, PropagationQuery } from '../domain/propagation/propagation.model';
import type { Deadline } from '../domain/errors';
import type { CausalIndexSource } from './ports/causal-index.port';

export interface PropagationAnswer extends Propagation {
  /** With `compare` and something disabled: the difference from the unchanged graph. */
  readonly comparison?: PropagationComparison;
}

/** Runs propagation, and channels towards one entity, on the store's current causal graph. */
export class PropagationService {
  constructor(private readonly index: CausalIndexSource) {}

  async propagate(query: PropagationQuery, compare = false, deadline?: Deadline): Promise<PropagationAnswer> {
    const graph = await this.index.causalGraph();
    const result = propagate(graph, query, deadline);
    const removed = { entities: query.disable?.entities ?? [], edges: query.disable?.edges ?? [] };
    if (!compare || removed.entities.length + removed.edges.length === 0) return result;
    const baseline = propagate(graph, { ...query, disable: null }, deadline);
    return { ...result, comparison: comparePropagations(baseline, result, removed) };
  }

  async channels(query: ChannelsQuery, deadline?: Deadline): Promise<Channels> {
    return channels(await this.index.causalGraph(), query, deadline);
  }
}
