import { claimKey, type CausalClaim } from '../model/graph.model';
import type { EdgeSuggestion } from './suggestion.model';

type Claim = Pick<CausalClaim, 'fromId' | 'toId' | 'polarity'>;

export interface SuggestionScore {
  readonly hidden: number;
  /** Hidden edges whose claim (from, to, polarity) some suggestion makes. */
  readonly recovered: number;
  /** recovered / hidden; 1 when nothing was hidden. */
  readonly recall: number;
  /** Suggestions judged: the first `top`. */
  readonly judged: number;
  /** Judged suggestions whose claim some edge of the full graph makes. */
  readonly correct: number;
  /** correct / judged; 1 when nothing was suggested. */
  readonly precision: number;
}

/** How a source's suggestions compare with the curated edges it was held out of (see `holdOutSource`). */
export function scoreSuggestions(
  suggestions: readonly EdgeSuggestion[],
  hidden: readonly Claim[],
  allEdges: readonly Claim[],
  top: number,
): SuggestionScore {
  const judged = suggestions.slice(0, top);
  const suggested = new Set(judged.map(claimKey));
  const curated = new Set(allEdges.map(claimKey));
  const recovered = hidden.filter((edge) => suggested.has(claimKey(edge))).length;
  const correct = judged.filter((s) => curated.has(claimKey(s))).length;
  return {
    hidden: hidden.length,
    recovered,
    recall: hidden.length === 0 ? 1 : recovered / hidden.length,
    judged: judged.length,
    correct,
    precision: judged.length === 0 ? 1 : correct / judged.length,
  };
}
