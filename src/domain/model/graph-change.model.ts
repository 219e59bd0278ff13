import type { RecordRevision } from './graph.model';
/**
 * What one accepted write did to the graph, as the change log records it (in commit order,
 * one per graph version): the source of live updates and of replicas catching up.
 */
export const GRAPH_CHANGE_KINDS = [
  'EDGE_ADDED',
  'EDGE_UPDATED',
  'EDGE_ACCEPTED',
  'EDGE_REJECTED',
  'EDGE_RETRACTED',
  'ENTITY_UPSERTED',
  'SOURCE_ADDED',
  'SOURCE_UPDATED',
  'IMPORTED',
] as const;
export type GraphChangeKind = (typeof GRAPH_CHANGE_KINDS)[number];

/** What the change log calls a change to an edge, from the revision that made it. */
export function changeKindOf(revision: RecordRevision): GraphChangeKind {
  switch (revision.action) {
    case 'ACCEPTED':
      return 'EDGE_ACCEPTED';
    case 'REJECTED':
      return 'EDGE_REJECTED';
    case 'RETRACTED':
      return 'EDGE_RETRACTED';
    default:
      return 'EDGE_UPDATED';
  }
}

export interface GraphChange {
  /** The graph version after the change. */
  readonly version: string;
  readonly kind: GraphChangeKind;
  /** ISO-8601 */
  readonly at: string;
  readonly edgeId?: string;
  readonly entityId?: string;
  readonly sourceId?: string;
}
