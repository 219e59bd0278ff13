import { createHash } from 'node:crypto';
import { InvalidArgumentError } from '../errors';
import { MAX_SOURCE_TEXT } from '../model/graph.model';
import type { EvidenceInput } from '../write/write-inputs';
import { findQuote } from './find-quote';
import { prepareQuoteSource, type QuoteSource } from './quote-source';

/** SHA-256 of a source's text as given (UTF-8), hex: what `Source.textSha256` holds. */
export function textSha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Why a source text cannot be stored; undefined when it can. */
export function sourceTextProblem(text: string): string | undefined {
  if (text.trim() === '') return 'must not be empty';
  if (text.length > MAX_SOURCE_TEXT)
    return `must be at most ${MAX_SOURCE_TEXT.toLocaleString('en')} characters (got ${text.length.toLocaleString('en')})`;
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  return undefined;
}

/** How long the closest passage shown in an error may be. */
const SHOWN_PASSAGE = 160;

/**
 * Checks every quote that cites a source with text verbatim (normalizeForQuote: NFC and
 * whitespace runs collapsed, nothing else). A miss is BAD_USER_INPUT naming the quote's
 * field and the closest passage of the text. Quotes citing sources without text pass.
 */
export function checkQuotes(
  argument: string,
  evidence: readonly EvidenceInput[],
  textOf: (sourceId: string) => QuoteSource | undefined,
): void {
  evidence.forEach((ev, i) => {
    const source = textOf(ev.sourceId);
    if (!source) return;
    const match = findQuote(source, ev.quote);
    if (match.found) return;
    const passage = match.closest.passage.replace(/\s+/g, ' ').trim();
    const shown = passage.length > SHOWN_PASSAGE ? `${passage.slice(0, SHOWN_PASSAGE)}…` : passage;
    throw new InvalidArgumentError(
      `${argument}[${i}].quote`,
      `is not verbatim in the text of source ${ev.sourceId} (only Unicode NFC and runs of whitespace may differ); ` +
        `the closest passage is "${shown}" (${Math.round(match.closest.similarity * 100)}% alike)`,
    );
  });
}

/**
 * Prepared source texts, kept by SHA-256 so a text is indexed once however many writes cite
 * it; at most `capacity` texts (least recently used leave first).
 */
export class QuoteSourceCache {
  private readonly prepared = new Map<string, QuoteSource>();

  constructor(private readonly capacity = 16) {}

  has(sha256: string): boolean {
    return this.prepared.has(sha256);
  }

  get(sha256: string, text: () => string): QuoteSource {
    let source = this.prepared.get(sha256);
    if (source) this.prepared.delete(sha256);
    else source = prepareQuoteSource(text());
    this.prepared.set(sha256, source);
    if (this.prepared.size > this.capacity) this.prepared.delete(this.prepared.keys().next().value!);
    return source;
  }
}
