/**
 * A source's text prepared for many quote checks: normalized once, with a way back to the
 * original offsets and an index of where each character bigram occurs.
 */
export interface QuoteSource {
  /** The text as given. */
  readonly text: string;
  /** `normalizeForQuote(text)`. */
  readonly normalized: string;
  /** `origin[i]` is where `normalized[i]` starts in `text`; `origin[normalized.length]` is the end of its last character. */
  readonly origin: Int32Array;
  /** Bigram code (two UTF-16 units) → ascending positions in `normalized` where it starts. */
  readonly bigrams: ReadonlyMap<number, Int32Array>;
}

/** The code of the bigram starting at `i`. */
export function bigramAt(text: string, i: number): number {
  return ((text.charCodeAt(i) << 16) | text.charCodeAt(i + 1)) >>> 0;
}

/** Normalizes `text` as `normalizeForQuote` does, keeping track of offsets, and indexes its bigrams. */
export function prepareQuoteSource(text: string): QuoteSource {
  const { normalized, origin } = normalizeWithOrigin(text);
  return { text, normalized, origin, bigrams: indexBigrams(normalized) };
}

function normalizeWithOrigin(text: string): { normalized: string; origin: Int32Array } {
  const parts: string[] = [];
  const starts: number[] = [];
  let end = 0;
  // NFC never composes across whitespace, so words can be normalized one at a time and
  // their offsets kept; whitespace runs between words become one space.
  for (const word of text.matchAll(/\S+/g)) {
    if (parts.length > 0) {
      parts.push(' ');
      starts.push(end);
    }
    const at = word.index;
    const nfc = word[0].normalize('NFC');
    if (nfc === word[0]) {
      parts.push(nfc);
      for (let i = 0; i < nfc.length; i++) starts.push(at + i);
    } else {
      pushComposedWord(word[0], at, nfc, parts, starts);
    }
    end = at + word[0].length;
  }
  const normalized = parts.join('');
  const origin = new Int32Array(normalized.length + 1);
  origin.set(starts);
  origin[normalized.length] = end;
  return { normalized, origin };
}

/** A word that NFC changes: each base character with its marks maps to where it began. */
function pushComposedWord(word: string, at: number, nfc: string, parts: string[], starts: number[]): void {
  const clusters = [...word.matchAll(/\P{M}\p{M}*|\p{M}+/gu)];
  const pieces = clusters.map((c) => c[0].normalize('NFC'));
  if (pieces.join('') !== nfc) {
    // Compositions across clusters (e.g. Hangul jamo): the word's characters all point at its start.
    parts.push(nfc);
    for (let i = 0; i < nfc.length; i++) starts.push(at);
    return;
  }
  clusters.forEach((cluster, k) => {
    parts.push(pieces[k]);
    for (let i = 0; i < pieces[k].length; i++) starts.push(at + cluster.index);
  });
}

function indexBigrams(text: string): Map<number, Int32Array> {
  // One map lookup per position: each bigram gets a dense id, then positions are laid out
  // id by id in one array (counting sort), and the map hands out views into it.
  const ids = new Map<number, number>();
  const idAt = new Int32Array(Math.max(0, text.length - 1));
  const counts: number[] = [];
  for (let i = 0; i + 1 < text.length; i++) {
    const code = bigramAt(text, i);
    let id = ids.get(code);
    if (id === undefined) {
      id = counts.length;
      ids.set(code, id);
      counts.push(0);
    }
    idAt[i] = id;
    counts[id]++;
  }
  const next = new Int32Array(counts.length + 1);
  for (let id = 0; id < counts.length; id++) next[id + 1] = next[id] + counts[id];
  const starts = next.slice();
  const positions = new Int32Array(idAt.length);
  for (let i = 0; i < idAt.length; i++) positions[next[idAt[i]]++] = i;
  const index = new Map<number, Int32Array>();
  for (const [code, id] of ids) index.set(code, positions.subarray(starts[id], starts[id + 1]));
  return index;
}
