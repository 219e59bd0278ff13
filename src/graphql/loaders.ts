import DataLoader from 'dataloader';
import type { CatalogService } from '../application/catalog.service';
import type { CausalEdge, Entity, RecordRevision, Source } from '../domain/model/graph.model';

/**
 * Batch loaders for one request. Each collects the keys a whole level of a nested query
 * asks for and makes one catalog call; a missing record fills its slot with an Error.
 * Made anew per request so no cache outlives a request (or sees a later write).
 */
export interface Loaders {
  readonly entity: DataLoader<string, Entity>;
  readonly edge: DataLoader<string, CausalEdge>;
  readonly source: DataLoader<string, Source>;
  readonly outgoing: DataLoader<string, readonly CausalEdge[]>;
  readonly incoming: DataLoader<string, readonly CausalEdge[]>;
  readonly edgeHistory: DataLoader<string, readonly RecordRevision[]>;
  readonly entityHistory: DataLoader<string, readonly RecordRevision[]>;
  readonly sourceHistory: DataLoader<string, readonly RecordRevision[]>;
  readonly sourceText: DataLoader<string, string | undefined>;
}

export function createLoaders(catalog: CatalogService): Loaders {
  return {
    entity: new DataLoader((ids) => catalog.entitiesByIds(ids).then((rows) => orMissing('entity', ids, rows))),
    edge: new DataLoader((ids) => catalog.edgesByIds(ids).then((rows) => orMissing('causal edge', ids, rows))),
    source: new DataLoader((ids) => catalog.sourcesByIds(ids).then((rows) => orMissing('source', ids, rows))),
    outgoing: new DataLoader((ids) => catalog.outgoingOf(ids)),
    incoming: new DataLoader((ids) => catalog.incomingOf(ids)),
    edgeHistory: new DataLoader((ids) => catalog.edgeHistories(ids)),
    entityHistory: new DataLoader((ids) => catalog.entityHistories(ids)),
    sourceHistory: new DataLoader((ids) => catalog.sourceHistories(ids)),
    sourceText: new DataLoader((ids) => catalog.sourceTexts(ids)),
  };
}

/** Loads many keys through one loader, rejecting when any is missing (unlike loadMany, which mixes Errors into the list). */
export function loadAll<T>(loader: { load(key: string): Promise<T> }, keys: readonly string[]): Promise<T[]> {
  return Promise.all(keys.map((k) => loader.load(k)));
}

function orMissing<T>(what: string, ids: readonly string[], rows: ReadonlyArray<T | undefined>): Array<T | Error> {
  return rows.map((row, i) => row ?? new Error(`no ${what} with id ${ids[i]}`));
}
