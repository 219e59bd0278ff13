// What the stale-answer notice says about the changes since the answer on screen (pure:
// unit-tested in test/unit/web/live-change.test.ts).

/** One `graphChanged` event, as the explorer subscribes to it. */
export interface GraphChange {
  readonly version: string;
  readonly kind: string;
  readonly edgeId?: string | null;
  readonly entityId?: string | null;
  readonly sourceId?: string | null;
}

/** The subscription the explorer and the playground's example use. */
export const GRAPH_CHANGED = 'subscription GraphChanged { graphChanged { version kind edgeId entityId sourceId } }';

const WHAT: Record<string, string> = {
  EDGE_ADDED: 'edge added',
  EDGE_UPDATED: 'edge corrected',
  EDGE_ACCEPTED: 'edge accepted',
  EDGE_REJECTED: 'edge rejected',
  EDGE_RETRACTED: 'edge retracted',
  ENTITY_UPSERTED: 'entity written',
  SOURCE_ADDED: 'source added',
  SOURCE_UPDATED: 'source corrected',
  IMPORTED: 'bulk import',
};

/** "The graph changed since this answer (edge added: a-lifts-b)." or, for several, "… (3 changes, the last: …)." */
export function staleReason(changes: readonly GraphChange[]): string {
  const last = changes.at(-1);
  if (!last) return '';
  const id = last.edgeId ?? last.entityId ?? last.sourceId;
  const what = `${WHAT[last.kind] ?? last.kind.toLowerCase()}${id ? `: ${id}` : ''}`;
  return changes.length === 1
    ? `The graph changed since this answer (${what}).`
    : `The graph changed since this answer (${changes.length} changes, the last: ${what}).`;
}

/** The WebSocket address of the API serving this page: ws(s)://host/graphql. */
export function liveUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
}
