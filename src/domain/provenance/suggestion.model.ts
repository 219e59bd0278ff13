import { LIMITS } from '../limits/argument-limits';
import type { Polarity } from '../model/graph.model';

/** What `suggestEdges` needs of an entity. */
export interface SuggestionEntity {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
  /**
   * What UP means for it. An entity without one takes no part in causal edges (DOMAIN.md): its
   * words are still recognised, so they are not read as another entity's, but it is never
   * suggested as a cause or an effect.
   */
  readonly measure?: string;
}

/** An ACTIVE edge, as far as a suggestion is compared with it. */
export interface ActiveEdgeKey {
  readonly id: string;
  readonly fromId: string;
  readonly toId: string;
  readonly polarity: Polarity;
}

export interface SuggestEdgesInput {
  /** The source's full text. */
  readonly text: string;
  readonly entities: readonly SuggestionEntity[];
  /** Only ACTIVE edges: a suggestion that repeats one of them names it. */
  readonly activeEdges: readonly ActiveEdgeKey[];
  readonly first: number;
}

/** A causal claim a sentence of the source seems to make, for a researcher to review. */
export interface EdgeSuggestion {
  readonly fromId: string;
  readonly toId: string;
  readonly polarity: Polarity;
  /** Verbatim from the text, at most QUOTE_MAX_LENGTH characters. */
  readonly quote: string;
  /** In (0, 1]: higher is more likely a real claim. */
  readonly score: number;
  /** An ACTIVE edge that already makes this claim (same from, to and polarity). */
  readonly existingEdgeId?: string;
}

/** DOMAIN.md: an evidence quote is at most 300 characters. */
export const QUOTE_MAX_LENGTH = 300;

/** The limits table's range for `first` (domain/limits). */
export const SUGGESTION_LIMITS = { first: LIMITS.suggestEdges.first } as const;
