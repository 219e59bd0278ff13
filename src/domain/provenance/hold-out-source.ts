import type { CausalClaim } from '../model/graph.model';

export type CitedClaim = Pick<CausalClaim, 'id' | 'fromId' | 'toId' | 'polarity'> & {
  readonly evidence: readonly { readonly sourceId: string }[];
};

/**
 * Splits edges for a leave-one-source-out test: `hidden` are the edges whose evidence cites
 * only `sourceId` (the graph would not have them without it), `remaining` all others.
 */
export function holdOutSource<E extends CitedClaim>(edges: readonly E[], sourceId: string): { hidden: E[]; remaining: E[] } {
  const hidden: E[] = [];
  const remaining: E[] = [];
  for (const edge of edges) {
    const onlyThis = edge.evidence.length > 0 && edge.evidence.every((ev) => ev.sourceId === sourceId);
    (onlyThis ? hidden : remaining).push(edge);
  }
  return { hidden, remaining };
}
