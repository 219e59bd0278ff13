import { searchTerms } from '../search/rank-entity';
import { CAUSAL_LEXICON, NOT_MENTIONS, type Sign } from './causal.lexicon';
import { findTermHits, type TermHit } from './find-term-hits';
import { foldWithOffsets } from './fold-with-offsets';
import type { SentenceMention, SentenceToken, SentenceView } from './read-claims';
import { splitSentences } from './split-sentences';
import type { SuggestionEntity } from './suggestion.model';

/** A sentence read for claims, with where it lies in the original text. */
export interface LocatedSentence extends SentenceView {
  /** `origin[i]` is where `text[i]` comes from in the original; one entry more than `text` has characters. */
  readonly origin: Int32Array;
}

/**
 * Splits a text into sentences and finds, in each, the entities it names and the words of
 * the causal lexicon, everything folded as search folds it. Only sentences that name two
 * entities that may take part in causal edges are returned.
 */
export function viewSentences(text: string, entities: readonly SuggestionEntity[]): LocatedSentence[] {
  const { folded, origin } = foldWithOffsets(text);
  const { terms, owners } = mentionTerms(entities);
  const mentionHits = findTermHits(folded, terms).filter((hit) => owners[hit.term] !== null);
  const tokenHits = findTermHits(
    folded,
    CAUSAL_LEXICON.map((e) => e.term),
  );
  const sentences: LocatedSentence[] = [];
  let nextMention = 0;
  let nextToken = 0;
  for (const span of splitSentences(folded)) {
    const mentionsIn = takeWithin(mentionHits, nextMention, span.end);
    nextMention += mentionsIn.skipped;
    const tokensIn = takeWithin(tokenHits, nextToken, span.end);
    nextToken += tokensIn.skipped;
    if (mentionsIn.hits.filter((m) => owners[m.term]!.measure !== undefined).length < 2) continue;
    const view = toSentenceView(folded, span.start, span.end, mentionsIn.hits, tokensIn.hits, owners);
    sentences.push({ ...view, origin: origin.subarray(span.start, span.end + 1) });
  }
  return sentences;
}

/** Hits from `from` on that start before `end`; those that also end by `end` are kept. */
function takeWithin(hits: readonly TermHit[], from: number, end: number): { hits: TermHit[]; skipped: number } {
  const kept: TermHit[] = [];
  let i = from;
  for (; i < hits.length && hits[i].start < end; i++) if (hits[i].end <= end) kept.push(hits[i]);
  return { hits: kept, skipped: i - from };
}

/**
 * Every folded id, name and alias with the entity it names (a term two entities share goes
 * to the first by id), the same with 的 between two of its words (美联储的政策利率), and
 * phrases that contain a term but name no entity (数万亿美元 is an amount, not the dollar),
 * owned by null.
 */
function mentionTerms(entities: readonly SuggestionEntity[]): { terms: string[]; owners: (SuggestionEntity | null)[] } {
  const owner = new Map<string, SuggestionEntity | null>();
  for (const phrase of NOT_MENTIONS) owner.set(phrase, null);
  const sorted = [...entities].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((e) => ({ entity: e, terms: searchTerms(e) }));
  for (const { entity, terms } of sorted) {
    for (const term of terms) if (term.length >= 2 && !owner.has(term)) owner.set(term, entity);
  }
  for (const { entity, terms } of sorted) {
    for (const term of terms) for (const variant of withDe(term)) if (!owner.has(variant)) owner.set(variant, entity);
  }
  return { terms: [...owner.keys()], owners: [...owner.values()] };
}

const HAN = /\p{Script=Han}/u;

/**
 * 美联储政策利率 → 美联储的政策利率, …: 的 between two Han characters, each side at least two
 * long; and 日本央行的资产负债表 → 日本央行资产负债表.
 */
function withDe(term: string): string[] {
  const variants: string[] = term.includes('的') ? [term.replaceAll('的', '')] : [];
  for (let i = 2; i <= term.length - 2; i++) {
    if (HAN.test(term[i - 1]) && HAN.test(term[i]) && term[i - 1] !== '的' && term[i] !== '的') {
      variants.push(`${term.slice(0, i)}的${term.slice(i)}`);
    }
  }
  return variants;
}

const YIELD_WORDS = /收益率|利率|利差|yield|rate/;
/** DOMAIN.md: a bond node's measure is its yield, "prices fall". */
const PRICED_INVERSELY = /\bprices? falls?\b/i;
/** DOMAIN.md: for central-bank policy and financial conditions, UP is a tightening. */
const TIGHTENING = /\btighten/i;

/** Whether the measure counts what the entity buys (+1) or sells (−1); asides in brackets aside. */
function buyerSign(measure: string): Sign {
  const main = measure.replace(/\([^)]*\)/g, '');
  if (/\bsales\b|\bsells?\b/i.test(main)) return -1;
  if (/\bpurchases\b|\bbuys?\b|\bpositions\b/i.test(main)) return 1;
  return 0;
}

function toSentenceView(
  folded: string,
  start: number,
  end: number,
  mentionHits: readonly TermHit[],
  tokenHits: readonly TermHit[],
  owners: readonly (SuggestionEntity | null)[],
): SentenceView {
  const mentions: SentenceMention[] = [];
  const tokens: SentenceToken[] = [];
  for (const hit of mentionHits) {
    const entity = owners[hit.term]!;
    const tightening = TIGHTENING.test(entity.measure ?? '');
    // A direction word inside the entity's own name says how it moved (美联储降息).
    let intrinsic: Sign = 1;
    for (const t of tokenHits) {
      const entry = CAUSAL_LEXICON[t.term];
      if (t.start >= hit.start && t.end <= hit.end && (entry.kind === 'direction' || entry.kind === 'shift')) {
        intrinsic = (intrinsic * entry.sign) as Sign;
      }
      // 日本央行收紧 is a tightening of the policy; 量化紧缩 is just QT's name.
      if (t.start >= hit.start && t.end <= hit.end && entry.kind === 'stance' && tightening) {
        intrinsic = (intrinsic * entry.sign) as Sign;
      }
    }
    mentions.push({
      entityId: entity.id,
      start: hit.start - start,
      end: hit.end - start,
      causal: entity.measure !== undefined,
      intrinsic,
      // "美债下跌" speaks of the bonds' price; their measure is the yield.
      inverse: PRICED_INVERSELY.test(entity.measure ?? '') && !YIELD_WORDS.test(folded.slice(hit.start, hit.end)),
      tightening,
      buyer: buyerSign(entity.measure ?? ''),
    });
  }
  for (const t of tokenHits) {
    if (mentionHits.some((m) => t.start < m.end && m.start < t.end)) continue;
    const entry = CAUSAL_LEXICON[t.term];
    if (entry.kind === 'inert') continue;
    tokens.push({ kind: entry.kind, sign: entry.sign, strength: entry.strength, start: t.start - start, end: t.end - start });
  }
  return { text: folded.slice(start, end), mentions, tokens };
}
