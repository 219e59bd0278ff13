import { propagate } from '../domain/propagation/propagate';
import type { Propagation, PropagationQuery } from '../domain/propagation/propagation.model';
import type { GraphStore } from '../storage/graph-store.port';

/** Runs propagation on the store's current causal graph. */
export class PropagationService {
  constructor(private readonly store: GraphStore) {}

  async propagate(query: PropagationQuery): Promise<Propagation> {
    return propagate(await this.store.causalGraph(), query);
  }
}
