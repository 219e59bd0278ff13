/** An occurrence of one of the searched terms: `term` is its index in the list given. */
export interface TermHit {
  readonly term: number;
  readonly start: number;
  readonly end: number;
}

const WORD_CHAR = /[a-z0-9]/;

/**
 * Every occurrence of the terms in `text`, longest first and never overlapping: where two
 * would overlap, the longer one (then the earlier one, then the earlier term) wins, so
 * 美元流动性 is read as itself and not as 美元. A term that begins or ends with a Latin
 * letter or digit must stand as a word there (`fed` is not found in `federal`). Sorted by
 * start.
 */
export function findTermHits(text: string, terms: readonly string[]): TermHit[] {
  // One pass over the text, trying at each position only the terms that start with its character.
  const byFirst = new Map<string, number[]>();
  terms.forEach((term, index) => {
    if (term.length === 0) return;
    const list = byFirst.get(term[0]);
    if (list) list.push(index);
    else byFirst.set(term[0], [index]);
  });
  const found: TermHit[] = [];
  for (let at = 0; at < text.length; at++) {
    const candidates = byFirst.get(text[at]);
    if (!candidates) continue;
    for (const index of candidates) {
      const term = terms[index];
      if (!text.startsWith(term, at)) continue;
      const end = at + term.length;
      if (WORD_CHAR.test(term[0]) && at > 0 && WORD_CHAR.test(text[at - 1])) continue;
      if (WORD_CHAR.test(term[term.length - 1]) && end < text.length && WORD_CHAR.test(text[end])) continue;
      found.push({ term: index, start: at, end });
    }
  }
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || a.term - b.term);
  const taken = new Uint8Array(text.length);
  const kept: TermHit[] = [];
  for (const hit of found) {
    let free = true;
    for (let i = hit.start; i < hit.end && free; i++) free = taken[i] === 0;
    if (!free) continue;
    taken.fill(1, hit.start, hit.end);
    kept.push(hit);
  }
  return kept.sort((a, b) => a.start - b.start);
}
