import { foldText } from '../search/fold-text';

/** Text folded for matching, with the way back to the original. */
export interface FoldedText {
  /** The text folded as search folds it (width, case, Traditional → Simplified), whitespace kept. */
  readonly folded: string;
  /** `origin[i]` is where `folded[i]` comes from in the original; `origin[folded.length]` is its length. */
  readonly origin: Int32Array;
}

/**
 * Folds with `foldText` word by word (runs without whitespace, so its phrase-level script
 * conversion still sees whole Chinese sentences) and keeps each character's origin, so a
 * match in folded text can be cut verbatim from the original.
 */
export function foldWithOffsets(text: string): FoldedText {
  const parts: string[] = [];
  const origin: number[] = [];
  let last = 0;
  const pushSpace = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      // Newlines end sentences; every other space becomes a plain one.
      parts.push(text[i] === '\n' || text[i] === '\r' ? '\n' : ' ');
      origin.push(i);
    }
  };
  for (const word of text.matchAll(/\S+/g)) {
    pushSpace(last, word.index);
    foldWord(word[0], word.index, parts, origin);
    last = word.index + word[0].length;
  }
  pushSpace(last, text.length);
  const folded = parts.join('');
  const offsets = new Int32Array(folded.length + 1);
  offsets.set(origin);
  offsets[folded.length] = text.length;
  return { folded, origin: offsets };
}

function foldWord(word: string, at: number, parts: string[], origin: number[]): void {
  const whole = foldText(word);
  // Almost every word folds unit for unit (Chinese, ASCII, full-width forms).
  if (whole.length === word.length && word.normalize('NFKC').length === word.length) {
    parts.push(whole);
    for (let i = 0; i < word.length; i++) origin.push(at + i);
    return;
  }
  // Per code point: most characters fold to one unit, and then the whole word's folding
  // (with OpenCC's phrases) lines up with them one for one.
  const units: number[] = [];
  let offset = 0;
  for (const ch of word) {
    const folded = ch.normalize('NFKC').toLowerCase();
    for (let k = 0; k < folded.length; k++) units.push(at + offset);
    offset += ch.length;
  }
  if (whole.length === units.length) {
    parts.push(whole);
    for (const unit of units) origin.push(unit);
    return;
  }
  offset = 0;
  for (const ch of word) {
    const folded = foldText(ch) || ch;
    parts.push(folded);
    for (let k = 0; k < folded.length; k++) origin.push(at + offset);
    offset += ch.length;
  }
}
