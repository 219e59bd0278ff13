import type { Entity } from '../model/graph.model';
import { foldText } from './fold-text';

/** How well an entity matches a search, best first; `null` when it does not match. */
export const MATCH_RANK = { EXACT: 0, PREFIX: 1, PARTIAL: 2 } as const;
export type MatchRank = (typeof MATCH_RANK)[keyof typeof MATCH_RANK];

/** The folded terms an entity can be found by: its id, name and every alias. */
export function searchTerms(entity: Pick<Entity, 'id' | 'name' | 'aliases'>): string[] {
  return [...new Set([entity.id, entity.name, ...entity.aliases].map(foldText))];
}

/**
 * Ranks an entity's folded terms against a folded query: an exact id, name or alias first,
 * then a term that starts with the query, then one that contains it.
 */
export function rankTerms(terms: readonly string[], foldedQuery: string): MatchRank | null {
  let best: MatchRank | null = null;
  for (const term of terms) {
    if (term === foldedQuery) return MATCH_RANK.EXACT;
    if (term.startsWith(foldedQuery)) best = MATCH_RANK.PREFIX;
    else if (best === null && term.includes(foldedQuery)) best = MATCH_RANK.PARTIAL;
  }
  return best;
}
