import { InvalidArgumentError } from '../errors';
import { claimKey } from '../model/graph.model';
import { readClaims, type SentenceClaim } from './read-claims';
import { QUOTE_MAX_LENGTH, SUGGESTION_LIMITS, type EdgeSuggestion, type SuggestEdgesInput } from './suggestion.model';
import { viewSentences } from './view-sentences';

/**
 * Causal claims a new article seems to make between known entities, best first: each
 * sentence that names two entities with a word that says "causes" between them, read for
 * direction, negation and hedging (see `readClaims`). Sentences that make the same claim
 * reinforce it (their scores combine as independent evidence would: 1 − Π(1 − s)); the
 * best of them is quoted. Offline and deterministic.
 */
export function suggestEdges(input: SuggestEdgesInput): EdgeSuggestion[] {
  const { min, max } = SUGGESTION_LIMITS.first;
  if (!Number.isInteger(input.first) || input.first < min || input.first > max) {
    throw new InvalidArgumentError('first', `must be an integer from ${min} to ${max} (got ${input.first})`);
  }
  const claims = new Map<string, { claim: SentenceClaim & { quote: string; at: number }; miss: number }>();
  for (const sentence of viewSentences(input.text, input.entities)) {
    for (const claim of readClaims(sentence)) {
      const quote = quoteOf(input.text, sentence.origin, claim.start, claim.end);
      if (quote === null) continue;
      const key = claimKey({ fromId: claim.causeId, toId: claim.effectId, polarity: claim.polarity });
      const at = sentence.origin[claim.start];
      const kept = claims.get(key);
      const better = !kept || claim.score > kept.claim.score || (claim.score === kept.claim.score && at < kept.claim.at);
      claims.set(key, {
        claim: better ? { ...claim, quote, at } : kept.claim,
        miss: (kept?.miss ?? 1) * (1 - claim.score),
      });
    }
  }

  const existing = new Map<string, string>();
  for (const edge of [...input.activeEdges].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    if (!existing.has(claimKey(edge))) existing.set(claimKey(edge), edge.id);
  }
  const suggestions = [...claims.entries()].map(([key, { claim, miss }]): EdgeSuggestion => {
    const existingEdgeId = existing.get(key);
    return {
      fromId: claim.causeId,
      toId: claim.effectId,
      polarity: claim.polarity,
      quote: claim.quote,
      score: Math.min(1, Math.max(Number.MIN_VALUE, 1 - miss)),
      ...(existingEdgeId !== undefined ? { existingEdgeId } : {}),
    };
  });
  return suggestions.sort(compareSuggestions).slice(0, input.first);
}

function compareSuggestions(a: EdgeSuggestion, b: EdgeSuggestion): number {
  return (
    b.score - a.score ||
    compareText(a.fromId, b.fromId) ||
    compareText(a.toId, b.toId) ||
    compareText(a.polarity, b.polarity) ||
    compareText(a.quote, b.quote)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The claim's span cut verbatim from the original text, or null when it is too long to quote. */
function quoteOf(text: string, origin: Int32Array, start: number, end: number): string | null {
  // Still verbatim: only spaces and punctuation that would dangle at either end are left out.
  const quote = text
    .slice(origin[start], origin[end])
    .replace(/^[\s,，、:：;；)）\]」』”’]+/u, '')
    .replace(/[\s,，、:：(（[「『“‘]+$/u, '');
  return quote.length > 0 && quote.length <= QUOTE_MAX_LENGTH ? quote : null;
}
