import type { Polarity } from '../model/graph.model';
import type { LexiconKind, Sign } from './causal.lexicon';
import { QUOTE_MAX_LENGTH } from './suggestion.model';

/** An entity named in a sentence; offsets are within the sentence. */
export interface SentenceMention {
  readonly entityId: string;
  readonly start: number;
  readonly end: number;
  /** Whether it may be a cause or an effect (it has a measure). */
  readonly causal: boolean;
  /** A direction its own words carry (美联储降息: −1), else 1. */
  readonly intrinsic: Sign;
  /** The words around it move the other way from its measure (美债 named by price, measured by yield). */
  readonly inverse: boolean;
  /** Its measure is a tightening, so 收紧 moves it UP (for a quantity, 收紧 is DOWN). */
  readonly tightening: boolean;
  /**
   * What buying does to it when it is the buyer: +1 when its measure counts purchases or
   * positions (RV funds), −1 when it counts sales (Nochu), 0 when it counts neither.
   */
  readonly buyer: Sign;
}

/** A word of the causal lexicon found outside every mention. */
export interface SentenceToken {
  readonly kind: LexiconKind;
  readonly sign: Sign;
  readonly strength: number;
  readonly start: number;
  readonly end: number;
}

export interface SentenceView {
  /** The folded sentence. */
  readonly text: string;
  /** Sorted by start, not overlapping. */
  readonly mentions: readonly SentenceMention[];
  /** Sorted by start, not overlapping each other or a mention. */
  readonly tokens: readonly SentenceToken[];
}

/** A claim one sentence makes; `start`/`end` is the span to quote, within the sentence. */
export interface SentenceClaim {
  readonly causeId: string;
  readonly effectId: string;
  readonly polarity: Polarity;
  readonly score: number;
  readonly start: number;
  readonly end: number;
}

/** Tuning, named so the eval's numbers can be traced to them. */
export const CLAIM_READING = {
  /** Characters between two mentions beyond which a sentence is not read as linking them. */
  maxGap: 120,
  /** Mentions allowed between the two. */
  maxBetween: 2,
  /** Score halves about every `gapScale × ln 2` characters between the mentions. */
  gapScale: 60,
  perClauseBreak: 0.85,
  perMentionBetween: 0.45,
  /** When no word says which way either entity moved, the polarity is a guess. */
  unsignedFactor: 0.8,
  hedgeFactor: 0.6,
  /** A 由于/because before the cause, with nothing linking the two after it. */
  leadingBecauseFactor: 0.9,
  /** Two neighbouring clauses that each say how their entity moved, with no causal word. */
  juxtaposed: 0.3,
  /** How near a word must be to the mention it describes. */
  directionAfter: 10,
  directionBefore: 4,
  negationReach: 3,
  transitiveReach: 8,
  /** How far before a buying or selling word its subject may stand. */
  subjectReach: 12,
  becauseReach: 12,
  /** From Y to the cause noun in X 是 Y 的关键支柱. */
  reasonReach: 8,
  /** From 从 to the word that says money left. */
  outflowReach: 40,
  /** A 反而/但 between the two: what follows runs against what came before. */
  contrastFactor: 0.6,
} as const;

/** How a sentence links two mentions: which is the cause, how strongly, and what the linking verb does to the effect. */
interface Link {
  readonly cause: number;
  readonly effect: number;
  readonly strength: number;
  /** The sign a verb gives the effect (压低 Y: −1); 0 when the effect's own words say. */
  readonly effectSign: Sign | 0;
  readonly from: number;
  readonly to: number;
}

/** What a claim's score is made of. */
interface ClaimEvidence {
  /** Of the word or pattern that links the two. */
  readonly strength: number;
  /** Characters between the two mentions. */
  readonly gap: number;
  readonly clauseBreaks: number;
  readonly mentionsBetween: number;
  /** Some word says which way an entity moved (else the polarity is a guess). */
  readonly signed: boolean;
  readonly hedged: boolean;
  readonly contrasted: boolean;
}

/** The score rule: the link's strength, discounted for distance, asides, guesses, hedges and contrast. */
function claimScore(e: ClaimEvidence): number {
  return (
    e.strength *
    Math.exp(-e.gap / CLAIM_READING.gapScale) *
    CLAIM_READING.perClauseBreak ** e.clauseBreaks *
    CLAIM_READING.perMentionBetween ** e.mentionsBetween *
    (e.signed ? 1 : CLAIM_READING.unsignedFactor) *
    (e.hedged ? CLAIM_READING.hedgeFactor : 1) *
    (e.contrasted ? CLAIM_READING.contrastFactor : 1)
  );
}

const CLAUSE_BREAK = /[,:()"“”「」『』—…、+]/;
/** Where a quote may start or end: clause punctuation, but not brackets or list commas, which would cut an aside in half. */
const QUOTE_BREAK = /[,:"“”「」『』—…]/;
/** Between two entities, a comparison, not a cause (RRP < SOFR). */
const COMPARISON = /[<>=≤≥]/;

/**
 * The causal claims a sentence makes between the entities it names: for each pair close
 * enough, a word between them that says "causes" (or a 由于/被 that reverses the order),
 * the direction each entity is said to move, negations and hedges. Polarity multiplies the
 * cause's direction by the effect's (a signed verb sets the effect's: 压低 Y is Y down).
 */
export function readClaims(sentence: SentenceView): SentenceClaim[] {
  const reader = new SentenceReader(sentence);
  const best = new Map<string, SentenceClaim>();
  const { mentions } = sentence;
  for (let i = 0; i < mentions.length; i++) {
    for (let j = i + 1; j < mentions.length && j - i - 1 <= CLAIM_READING.maxBetween; j++) {
      const claim = reader.claimBetween(i, j);
      if (!claim) continue;
      const key = `${claim.causeId}\u0000${claim.effectId}\u0000${claim.polarity}`;
      const kept = best.get(key);
      if (!kept || claim.score > kept.score) best.set(key, claim);
    }
  }
  return [...best.values()];
}

class SentenceReader {
  private readonly breaks: Int32Array;
  private readonly negated: boolean[];
  private readonly transitive: boolean[];
  private readonly moved: (Sign | 0)[];
  private readonly movedUntil: number[];

  constructor(private readonly s: SentenceView) {
    // breaks[i] = clause breaks in text[0, i)
    this.breaks = new Int32Array(s.text.length + 1);
    for (let i = 0; i < s.text.length; i++) this.breaks[i + 1] = this.breaks[i] + (CLAUSE_BREAK.test(s.text[i]) ? 1 : 0);
    this.negated = s.tokens.map((t, k) => this.isNegated(k, t));
    this.transitive = s.tokens.map((t) => this.isTransitive(t));
    this.moved = s.mentions.map(() => 0);
    this.movedUntil = s.mentions.map((m) => m.end);
    this.attachDirections();
  }

  claimBetween(i: number, j: number): SentenceClaim | null {
    const { mentions, tokens } = this.s;
    const a = mentions[i];
    const b = mentions[j];
    if (!a.causal || !b.causal || a.entityId === b.entityId) return null;
    const gap = b.start - a.end;
    if (gap > CLAIM_READING.maxGap || COMPARISON.test(this.s.text.slice(a.end, b.start))) return null;
    const link = this.linkBetween(i, j);
    if (!link) return null;

    const cause = mentions[link.cause];
    const effect = mentions[link.effect];
    const causeDir = cause.intrinsic * this.wordDirection(link.cause, this.moved[link.cause]);
    const effectDir = effect.intrinsic * this.wordDirection(link.effect, link.effectSign || this.moved[link.effect]);
    const signed =
      link.effectSign !== 0 ||
      cause.intrinsic !== 1 ||
      effect.intrinsic !== 1 ||
      this.moved[link.cause] !== 0 ||
      this.moved[link.effect] !== 0;

    // The clauses that hold the claim; when they are too long to quote, just the claim itself.
    const wide = this.quoteEnd(link.to) - this.quoteStart(link.from) <= QUOTE_MAX_LENGTH;
    const start = wide ? this.quoteStart(link.from) : link.from;
    const end = wide ? this.quoteEnd(link.to) : link.to;
    const score = claimScore({
      strength: link.strength,
      gap,
      clauseBreaks: this.breaks[b.start] - this.breaks[a.end],
      mentionsBetween: j - i - 1,
      signed,
      hedged: tokens.some((t) => t.kind === 'hedge' && t.start >= start && t.end <= end),
      contrasted: tokens.some((t) => t.kind === 'contrast' && t.start >= a.end && t.end <= link.to),
    });
    return {
      causeId: cause.entityId,
      effectId: effect.entityId,
      polarity: causeDir * effectDir > 0 ? 'POSITIVE' : 'NEGATIVE',
      score,
      start,
      end,
    };
  }

  /**
   * How the sentence links mentions i < j, if it does: a cause word between them (i causes j);
   * a 由于/被/原因 between them (j causes i); a 由于 before i; X 是 Y 的原因 after j; or two
   * neighbouring clauses that each say how their entity moved. `from`/`to` is the span read.
   */
  private linkBetween(i: number, j: number): Link | null {
    const { mentions, tokens } = this.s;
    const a = mentions[i];
    const b = mentions[j];
    const between = tokens.map((_, k) => k).filter((k) => tokens[k].start >= a.end && tokens[k].end <= b.start);
    // X is the driver of Y reads forwards; Y 的原因是 X backwards: it depends on which side the copula stands.
    const copulaBefore = (k: number) => between.some((c) => tokens[c].kind === 'copula' && c < k);
    const forwardReason = (k: number) => tokens[k].kind === 'reason' && copulaBefore(k);
    // Buying and selling link an actor to what it trades; 以 100 美元日元买入美元 links no two entities.
    const tradedBy = (k: number) => tokens[k].kind !== 'trade' || a.buyer !== 0;
    const forward = between.filter((k) => (this.isCue(k) && tradedBy(k)) || forwardReason(k));
    const markers = between.filter((k) => ['because', 'passive', 'reason'].includes(tokens[k].kind) && !forwardReason(k));
    const lastMarker = markers[markers.length - 1];
    const span = { from: a.start, to: Math.max(this.movedUntil[i], this.movedUntil[j]) };
    // 随着 A，一旦 B，…: a second condition after a first continues it rather than reversing.
    const reversed =
      lastMarker !== undefined &&
      !forward.some((k) => k > lastMarker) &&
      !(tokens[lastMarker].kind === 'because' && this.becauseBefore(i) !== undefined);

    if (reversed) {
      const marker = tokens[lastMarker];
      const verb = marker.kind === 'passive' ? this.verbAfter(b.end) : undefined;
      if (verb === undefined) return { cause: j, effect: i, strength: marker.strength, effectSign: 0, ...span };
      if (this.negated[verb]) return null;
      const to = Math.max(span.to, tokens[verb].end);
      return { cause: j, effect: i, strength: marker.strength, effectSign: tokens[verb].sign, from: span.from, to };
    }
    if (forward.length > 0) {
      if (forward.some((k) => this.negated[k])) return null;
      const strength = Math.max(...forward.map((k) => tokens[k].strength));
      return { cause: i, effect: j, strength, effectSign: tokens[forward[forward.length - 1]].sign, ...span };
    }
    const because = this.becauseBefore(i);
    if (because !== undefined) {
      const strength = tokens[because].strength * CLAIM_READING.leadingBecauseFactor;
      return { cause: i, effect: j, strength, effectSign: 0, from: tokens[because].start, to: span.to };
    }
    const reason = this.reasonAfter(i, j);
    if (reason !== undefined) {
      const to = Math.max(span.to, tokens[reason].end);
      return { cause: i, effect: j, strength: tokens[reason].strength, effectSign: 0, from: span.from, to };
    }
    if (this.juxtaposed(i, j)) return { cause: i, effect: j, strength: CLAIM_READING.juxtaposed, effectSign: 0, ...span };
    return null;
  }

  /** Which way the words say mention m moved, in terms of its measure; UP when they say nothing. */
  private wordDirection(m: number, said: Sign | 0): Sign {
    if (said === 0) return 1;
    return this.s.mentions[m].inverse ? (-said as Sign) : said;
  }

  /** X 是 Y 的关键支柱: a cause noun just after Y, in its clause, with 是 between X and Y. */
  private reasonAfter(i: number, j: number): number | undefined {
    const { mentions, tokens } = this.s;
    const b = mentions[j];
    const copula = tokens.some((t) => t.kind === 'copula' && t.start >= mentions[i].end && t.end <= b.start);
    if (!copula) return undefined;
    const k = tokens.findIndex((t) => t.start >= b.end && t.kind === 'reason');
    const t = tokens[k];
    const near = t && t.kind === 'reason' && t.start - b.end <= CLAIM_READING.reasonReach && this.sameClause(b.end, t.start);
    return near && !this.mentionWithin(b.end, t.start) ? k : undefined;
  }

  /**
   * 利差扩大，远期点变为负数: two neighbouring clauses, each saying how its entity moved,
   * read as the first move leading to the second.
   */
  private juxtaposed(i: number, j: number): boolean {
    const { mentions } = this.s;
    const breaks = this.breaks[mentions[j].start] - this.breaks[mentions[i].end];
    const contrast = this.s.tokens.some((t) => t.kind === 'contrast' && t.start >= mentions[i].end && t.end <= this.movedUntil[j]);
    return breaks === 1 && j === i + 1 && this.moved[i] !== 0 && this.moved[j] !== 0 && !contrast;
  }

  /** A token that says "causes" read forwards: a cause word, or a signed verb used transitively. */
  private isCue(k: number): boolean {
    const t = this.s.tokens[k];
    return t.kind === 'cause' || ((t.kind === 'shift' || t.kind === 'trade') && this.transitive[k]);
  }

  private isNegated(k: number, t: SentenceToken): boolean {
    if (!['cause', 'shift', 'trade', 'direction', 'outflow', 'stance'].includes(t.kind)) return false;
    for (let n = k - 1; n >= 0; n--) {
      const before = this.s.tokens[n];
      if (t.start - before.end > CLAIM_READING.negationReach) return false;
      if (before.kind === 'negation') return this.sameClause(before.end, t.start) && !this.mentionWithin(before.end, t.start);
    }
    return false;
  }

  /** A signed verb is transitive when an entity follows it closely in its clause (降低对冲成本). */
  private isTransitive(t: SentenceToken): boolean {
    if (t.kind !== 'shift' && t.kind !== 'trade') return false;
    const next = this.s.mentions.find((m) => m.start >= t.end);
    if (!next || next.start - t.end > CLAIM_READING.transitiveReach || !this.sameClause(t.end, next.start)) return false;
    return !this.s.tokens.some((o) => o.start >= t.end && o.end <= next.start && (o.kind === 'cause' || o.kind === 'shift'));
  }

  /**
   * Gives each direction word (and intransitive signed verb) to the entity it describes, and
   * the sign of a transitive verb to its object (资产价格下跌会侵蚀抵押品价值: collateral DOWN,
   * which matters when the object goes on to cause something).
   */
  private attachDirections(): void {
    const { mentions, tokens } = this.s;
    this.attachOutflows();
    this.attachTraders();
    tokens.forEach((t, k) => {
      const signedVerb = t.sign !== 0 && (((t.kind === 'shift' || t.kind === 'trade') && this.transitive[k]) || t.kind === 'cause');
      if (signedVerb) {
        const object = mentions.findIndex((m) => m.start >= t.end);
        const near = object >= 0 && mentions[object].start - t.end <= CLAIM_READING.transitiveReach;
        if (near && this.sameClause(t.end, mentions[object].start) && this.moved[object] === 0 && !this.negated[k]) {
          this.moved[object] = t.sign;
        }
        return;
      }
      const intransitive = (t.kind === 'shift' || t.kind === 'trade') && !this.transitive[k];
      if (!(t.kind === 'direction' || t.kind === 'outflow' || t.kind === 'stance' || intransitive)) return;
      const sign = (this.negated[k] ? -t.sign : t.sign) as Sign;
      let target = -1;
      for (let m = mentions.length - 1; m >= 0; m--) {
        if (mentions[m].end > t.start) continue;
        const near = t.start - mentions[m].end <= CLAIM_READING.directionAfter && this.sameClause(mentions[m].end, t.start);
        if (near && !this.cueWithin(mentions[m].end, t.start)) target = m;
        break;
      }
      if (target < 0) {
        const m = mentions.findIndex((x) => x.start >= t.end);
        if (m >= 0 && mentions[m].start - t.end <= CLAIM_READING.directionBefore && this.sameClause(t.end, mentions[m].start)) target = m;
      }
      if (target >= 0 && this.moved[target] === 0) {
        this.moved[target] = t.kind === 'stance' && !mentions[target].tightening ? (-sign as Sign) : sign;
        this.movedUntil[target] = Math.max(this.movedUntil[target], t.end);
      }
    });
  }

  /** 资金从美股、美债急速回流日本: every entity between 从 and the outflow word is what money left. */
  private attachOutflows(): void {
    const { mentions, tokens } = this.s;
    tokens.forEach((from, k) => {
      if (from.kind !== 'source') return;
      const out = tokens.findIndex((t, o) => o > k && t.kind === 'outflow');
      if (out < 0 || tokens[out].start - from.end > CLAIM_READING.outflowReach) return;
      mentions.forEach((m, i) => {
        if (m.start >= from.end && m.end <= tokens[out].start && this.moved[i] === 0) this.moved[i] = tokens[out].sign;
      });
    });
  }

  /** 对冲基金抛售美债: selling is the RV funds' DOWN (they count positions) but Nochu's UP (it counts sales). */
  private attachTraders(): void {
    const { mentions, tokens } = this.s;
    tokens.forEach((t, k) => {
      if (t.kind !== 'trade') return;
      for (let m = mentions.length - 1; m >= 0; m--) {
        if (mentions[m].end > t.start) continue;
        // The subject may stand a clause back (持有者，他们任何减持美债的迹象).
        const near = t.start - mentions[m].end <= CLAIM_READING.subjectReach;
        if (near && mentions[m].buyer !== 0 && this.moved[m] === 0 && !this.cueWithin(mentions[m].end, t.start)) {
          this.moved[m] = (t.sign * mentions[m].buyer * (this.negated[k] ? -1 : 1)) as Sign;
        }
        return;
      }
    });
  }

  /** For Y 被 X 推高: the signed verb right after the cause. */
  private verbAfter(from: number): number | undefined {
    const k = this.s.tokens.findIndex((t) => t.start >= from);
    if (k < 0) return undefined;
    const t = this.s.tokens[k];
    const signed = (t.kind === 'cause' || t.kind === 'shift') && t.sign !== 0;
    return signed && t.start - from <= CLAIM_READING.transitiveReach && this.sameClause(from, t.start) ? k : undefined;
  }

  /** A 由于/because just before mention i, with no other mention between. */
  private becauseBefore(i: number): number | undefined {
    const m = this.s.mentions[i];
    const previousEnd = i > 0 ? this.s.mentions[i - 1].end : 0;
    for (let k = this.s.tokens.length - 1; k >= 0; k--) {
      const t = this.s.tokens[k];
      if (t.end > m.start || t.start < previousEnd) continue;
      if (t.kind === 'because' && m.start - t.end <= CLAIM_READING.becauseReach) return k;
    }
    return undefined;
  }

  private cueWithin(from: number, to: number): boolean {
    return this.s.tokens.some((t, k) => t.start >= from && t.end <= to && this.isCue(k));
  }

  private mentionWithin(from: number, to: number): boolean {
    return this.s.mentions.some((m) => m.start >= from && m.end <= to);
  }

  private sameClause(from: number, to: number): boolean {
    return this.breaks[to] === this.breaks[from];
  }

  private quoteStart(at: number): number {
    let i = at;
    while (i > 0 && !QUOTE_BREAK.test(this.s.text[i - 1])) i--;
    return i;
  }

  private quoteEnd(at: number): number {
    let i = at;
    while (i < this.s.text.length && !QUOTE_BREAK.test(this.s.text[i])) i++;
    return i;
  }
}
