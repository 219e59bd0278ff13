export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

/**
 * Sentences of folded text: ends at 。！？； (folded to their ASCII forms), line breaks (an
 * HTML <br> too), and a full stop before a space — not one inside a number (0.25%). Spans are
 * trimmed and never empty.
 */
export function splitSentences(folded: string): TextSpan[] {
  const spans: TextSpan[] = [];
  let start = 0;
  const close = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(folded[s])) s++;
    while (e > s && /\s/.test(folded[e - 1])) e--;
    if (e > s) spans.push({ start: s, end: e });
  };
  for (let i = 0; i < folded.length; i++) {
    const ch = folded[i];
    const fullStop = ch === '.' && (i + 1 === folded.length || /\s/.test(folded[i + 1])) && i > 0 && !/[0-9]/.test(folded[i - 1]);
    if (ch === '<' && folded.startsWith('<br>', i)) {
      close(i);
      start = i + 4;
      i += 3;
    } else if (ch === '。' || ch === '!' || ch === '?' || ch === ';' || ch === '\n' || fullStop) {
      close(ch === '\n' ? i : i + 1);
      start = i + 1;
    }
  }
  close(folded.length);
  return spans;
}
