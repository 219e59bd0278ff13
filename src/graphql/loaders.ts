import DataLoader from 'dataloader';
import type { CausalEdge, Entity, Source } from '../domain/model/graph.model';
import type { GraphStore } from '../storage/graph-store.port';

/**
 * Batch loaders for one request. Each collects the keys a whole level of a nested query
 * asks for and makes one store call; a missing record fills its slot with an Error.
 * Made anew per request so no cache outlives a request (or sees a later write).
 */
export interface Loaders {
  readonly entity: DataLoader<string, Entity>;
  readonly edge: DataLoader<string, CausalEdge>;
  readonly source: DataLoader<string, Source>;
  readonly outgoing: DataLoader<string, readonly CausalEdge[]>;
  readonly incoming: DataLoader<string, readonly CausalEdge[]>;
}

export function createLoaders(store: GraphStore): Loaders {
  return {
    entity: new DataLoader((ids) => store.getEntities(ids).then((rows) => orMissing('entity', ids, rows))),
    edge: new DataLoader((ids) => store.getEdges(ids).then((rows) => orMissing('causal edge', ids, rows))),
    source: new DataLoader((ids) => store.getSources(ids).then((rows) => orMissing('source', ids, rows))),
    outgoing: new DataLoader((ids) => store.getOutgoing(ids)),
    incoming: new DataLoader((ids) => store.getIncoming(ids)),
  };
}

/** Loads many keys through one loader, rejecting when any is missing (unlike loadMany, which mixes Errors into the list). */
export function loadAll<T>(loader: { load(key: string): Promise<T> }, keys: readonly string[]): Promise<T[]> {
  return Promise.all(keys.map((k) => loader.load(k)));
}

function orMissing<T>(what: string, ids: readonly string[], rows: ReadonlyArray<T | undefined>): Array<T | Error> {
  return rows.map((row, i) => row ?? new Error(`no ${what} with id ${ids[i]}`));
}
