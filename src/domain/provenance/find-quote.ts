import { normalizeForQuote } from './normalize-for-quote';
import { bigramAt, prepareQuoteSource, type QuoteSource } from './quote-source';

/** Where a quote sits in its source, or the passage most like it when it is not there. */
export type QuoteMatch =
  | { readonly found: true; /** Offsets in the original text. */ readonly offset: number; readonly end: number }
  | { readonly found: false; readonly closest: ClosestPassage };

export interface ClosestPassage {
  /** Verbatim from the original text, about as long as the quote. */
  readonly passage: string;
  readonly offset: number;
  /** Dice coefficient of character bigrams, in [0, 1]. */
  readonly similarity: number;
}

/** Candidate regions refined exactly; more only helps texts that repeat near-copies of the quote. */
const CANDIDATES = 4;

/**
 * Finds `quote` verbatim (after `normalizeForQuote`) in a source. Prepare the source once with
 * `prepareQuoteSource` to check many quotes against it.
 */
export function findQuote(source: QuoteSource | string, quote: string): QuoteMatch {
  const src = typeof source === 'string' ? prepareQuoteSource(source) : source;
  const q = normalizeForQuote(quote);
  const at = src.normalized.indexOf(q);
  if (at >= 0) return { found: true, offset: src.origin[at], end: src.origin[at + q.length] };
  // The seed's check compared raw strings; a quote that passed there must pass here, even
  // where NFC composes a mark at its edge with a neighbour outside it.
  const raw = quote.length > 0 ? src.text.indexOf(quote) : -1;
  if (raw >= 0) return { found: true, offset: raw, end: raw + quote.length };
  return { found: false, closest: closestPassage(src, q) };
}

function closestPassage(src: QuoteSource, q: string): ClosestPassage {
  const n = src.normalized.length;
  const m = q.length;
  if (m < 2 || n <= m) return passage(src, 0, Math.min(n, Math.max(m, 1)), m < 2 ? 0 : overlapAt(src, wanted(q), 0, n), m);
  const want = wanted(q);
  let best = { start: 0, overlap: -1 };
  for (const region of candidateRegions(src, want, m)) {
    const found = bestStartIn(src, want, m, region.from, region.to);
    if (found.overlap > best.overlap || (found.overlap === best.overlap && found.start < best.start)) best = found;
  }
  return passage(src, best.start, m, best.overlap, m);
}

/** The quote's bigrams and how often each occurs in it. */
function wanted(q: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (let i = 0; i + 1 < q.length; i++) counts.set(bigramAt(q, i), (counts.get(bigramAt(q, i)) ?? 0) + 1);
  return counts;
}

/**
 * Coarse pass over the index: the text in buckets of half the quote's length, each bucket
 * voting with the quote bigrams it holds; the best runs of buckets a quote-long window
 * covers are where the exact pass looks.
 */
function candidateRegions(src: QuoteSource, want: Map<number, number>, m: number): { from: number; to: number }[] {
  const n = src.normalized.length;
  const size = Math.max(1, m >> 1);
  const votes = new Int32Array(Math.ceil(n / size) + 1);
  for (const [code, times] of want) {
    const positions = src.bigrams.get(code);
    if (!positions) continue;
    let bucket = -1;
    let run = 0;
    for (const p of positions) {
      const b = (p / size) | 0;
      if (b !== bucket) {
        if (bucket >= 0) votes[bucket] += Math.min(run, times);
        bucket = b;
        run = 0;
      }
      run++;
    }
    if (bucket >= 0) votes[bucket] += Math.min(run, times);
  }
  const span = Math.ceil(m / size);
  const top: { bucket: number; score: number }[] = [];
  let sum = 0;
  for (let b = 0; b < votes.length; b++) {
    sum += votes[b] - (b >= span ? votes[b - span] : 0);
    const first = b - span + 1;
    if (first < 0) continue;
    if (top.length < CANDIDATES || sum > top[top.length - 1].score) {
      top.push({ bucket: first, score: sum });
      top.sort((x, y) => y.score - x.score || x.bucket - y.bucket);
      if (top.length > CANDIDATES) top.pop();
    }
  }
  if (top.length === 0) top.push({ bucket: 0, score: 0 });
  return top.map(({ bucket }) => ({ from: Math.max(0, (bucket - 1) * size), to: Math.min(n - m, (bucket + 1) * size) }));
}

/** Slides a quote-long window over starts [from, to], counting shared bigrams exactly. */
function bestStartIn(src: QuoteSource, want: Map<number, number>, m: number, from: number, to: number): { start: number; overlap: number } {
  const text = src.normalized;
  const have = new Map<number, number>();
  let overlap = 0;
  const add = (i: number) => {
    const code = bigramAt(text, i);
    const limit = want.get(code);
    if (limit === undefined) return;
    const count = have.get(code) ?? 0;
    if (count < limit) overlap++;
    have.set(code, count + 1);
  };
  const remove = (i: number) => {
    const code = bigramAt(text, i);
    const limit = want.get(code);
    if (limit === undefined) return;
    const count = have.get(code)! - 1;
    if (count < limit) overlap--;
    have.set(code, count);
  };
  for (let i = from; i < from + m - 1; i++) add(i);
  let best = { start: from, overlap };
  for (let start = from + 1; start <= to; start++) {
    remove(start - 1);
    add(start + m - 2);
    if (overlap > best.overlap) best = { start, overlap };
  }
  return best;
}

function overlapAt(src: QuoteSource, want: Map<number, number>, start: number, length: number): number {
  const have = new Map<number, number>();
  let overlap = 0;
  for (let i = start; i + 1 < start + length; i++) {
    const code = bigramAt(src.normalized, i);
    const count = have.get(code) ?? 0;
    if (count < (want.get(code) ?? 0)) overlap++;
    have.set(code, count + 1);
  }
  return overlap;
}

function passage(src: QuoteSource, start: number, length: number, overlap: number, m: number): ClosestPassage {
  const offset = src.origin[start];
  const bigrams = m - 1 + Math.max(0, length - 1);
  return {
    passage: src.text.slice(offset, src.origin[start + length]),
    offset,
    similarity: bigrams > 0 ? (2 * Math.max(0, overlap)) / bigrams : 0,
  };
}
