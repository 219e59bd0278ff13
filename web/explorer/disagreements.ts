// Disagreeing edges (the API's `disagreements`): pairs of entities joined by ACTIVE edges of
// both polarities. Pure: turns the groups into, for each edge, the edges that contradict it
// (same endpoints, the other polarity), which the graph marks and the edge's details name.

import type { Polarity } from './model';

export interface DisagreeingEdge {
  id: string;
  polarity: Polarity;
  from: { id: string; name: string };
  to: { id: string; name: string };
}

/** For each edge in a disagreement, the edges of the same group with the other polarity, in the group's order. */
export function opposites(groups: readonly (readonly DisagreeingEdge[])[]): Map<string, DisagreeingEdge[]> {
  const byEdge = new Map<string, DisagreeingEdge[]>();
  for (const group of groups) {
    for (const edge of group) {
      const others = group.filter((other) => other.polarity !== edge.polarity);
      if (others.length) byEdge.set(edge.id, others);
    }
  }
  return byEdge;
}

/** The line an edge's details show about the edges that contradict it. */
export function disagreementLine(others: readonly DisagreeingEdge[]): string {
  const named = others.map((o) => `${o.id} (${o.polarity})`).join(', ');
  return `Disagrees with ${named}: the same pair of entities, the other polarity.`;
}
