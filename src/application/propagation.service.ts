import { validateChannelsQuery } from '../domain/propagation/validate-channels-query';
import { channelsToIds } from '../domain/propagation/channels';
import type { Channels, ChannelsQuery } from '../domain/propagation/channels.model';
import { comparePropagations, type PropagationComparison } from '../domain/propagation/compare-propagations';
import { propagationToIds } from '../domain/propagation/propagate';
import type { Propagation, PropagationQuery } from '../domain/propagation/propagation.model';
import { validatePropagationQuery } from '../domain/propagation/validate-propagation-query';
import { HeavyWork, LOCAL_WORK, type WorkOrder } from './heavy-work';
import type { CausalIndexSource } from './ports/causal-index.port';

export interface PropagationAnswer extends Propagation {
  /** With `compare` and something disabled: the difference from the unchanged graph. */
  readonly comparison?: PropagationComparison;
}

/**
 * Runs propagation, and channels towards one entity, on the store's current causal graph:
 * the query is checked and put in numbers here, walked by the heavy-work runner (a worker
 * thread in the server), and the answer put back into ids here.
 */
export class PropagationService {
  constructor(
    private readonly index: CausalIndexSource,
    private readonly heavy: HeavyWork = new HeavyWork(),
  ) {}

  async propagate(query: PropagationQuery, compare = false, order: WorkOrder = LOCAL_WORK): Promise<PropagationAnswer> {
    const graph = await this.index.causalGraph();
    const numeric = validatePropagationQuery(graph, query);
    const removed = { entities: query.disable?.entities ?? [], edges: query.disable?.edges ?? [] };
    const baseline = compare && removed.entities.length + removed.edges.length > 0;
    const answer = await this.heavy.run(graph, { kind: 'propagate', query: { query: numeric, baseline } }, order);
    const result = propagationToIds(graph, answer.result);
    if (!answer.baseline) return result;
    return { ...result, comparison: comparePropagations(propagationToIds(graph, answer.baseline), result, removed) };
  }

  async channels(query: ChannelsQuery, order: WorkOrder = LOCAL_WORK): Promise<Channels> {
    const graph = await this.index.causalGraph();
    const numeric = validateChannelsQuery(graph, query);
    return channelsToIds(graph, await this.heavy.run(graph, { kind: 'channels', query: numeric }, order));
  }
}
