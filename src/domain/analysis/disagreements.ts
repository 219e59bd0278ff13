import type { CausalGraph } from '../propagation/causal-graph';
import { compareIds } from '../propagation/causal-index';

/** The ACTIVE edges joining one ordered pair of entities with both polarities. */
export interface Disagreement {
  readonly fromId: string;
  readonly toId: string;
  /** Edge ids in id order: at least one POSITIVE and one NEGATIVE. */
  readonly edgeIds: readonly string[];
}

/**
 * Pairs of entities (from → to) joined by ACTIVE edges of both polarities (DOMAIN.md: a
 * disagreement; both claims stay, each with its own evidence). Proposals do not count.
 * In order of from, then to; at most `first` groups. One pass over the causal graph.
 */
export function findDisagreements(graph: CausalGraph, first: number): Disagreement[] {
  const byPair = new Map<string, { fromId: string; toId: string; edgeIds: string[]; polarities: Set<string> }>();
  for (const link of graph.links()) {
    if (link.proposed) continue;
    const key = `${link.fromId}\u0000${link.toId}`;
    let group = byPair.get(key);
    if (!group) byPair.set(key, (group = { fromId: link.fromId, toId: link.toId, edgeIds: [], polarities: new Set() }));
    group.edgeIds.push(link.id);
    group.polarities.add(link.polarity);
  }
  return [...byPair.values()]
    .filter((g) => g.polarities.size > 1)
    .sort((a, b) => compareIds(a.fromId, b.fromId) || compareIds(a.toId, b.toId))
    .slice(0, first)
    .map((g) => ({ fromId: g.fromId, toId: g.toId, edgeIds: [...g.edgeIds].sort(compareIds) }));
}
