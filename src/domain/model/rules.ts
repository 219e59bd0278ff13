import { LIMITS } from '../limits/argument-limits';
import { ID_PATTERN, MAX_QUOTE_LENGTH, type Evidence } from './graph.model';

/**
 * The rules a single value must meet, shared by the seed validator and the write checks.
 * Each returns what is wrong, phrased to follow the field's name, or undefined when fine.
 */

export const MAX_MECHANISM_LENGTH = LIMITS.writes.mechanism.max;
export const MAX_LAG_DAYS = 3650;

export const MAX_ID_LENGTH = LIMITS.writes.id.max;

export function idProblem(id: string): string | undefined {
  if (id.length > MAX_ID_LENGTH) return `must be at most ${MAX_ID_LENGTH} characters (got ${id.length})`;
  return ID_PATTERN.test(id) ? undefined : `must be kebab-case: lowercase letters and digits joined by single hyphens (got "${id}")`;
}

export function unitIntervalProblem(value: number): string | undefined {
  return value > 0 && value <= 1 ? undefined : `must be in (0, 1] (got ${value})`;
}

export function lagProblem(days: number): string | undefined {
  return Number.isInteger(days) && days >= 0 && days <= MAX_LAG_DAYS
    ? undefined
    : `must be a whole number of days from 0 to ${MAX_LAG_DAYS} (got ${days})`;
}

/**
 * Characters no text here may hold: C0 and C1 controls other than tab and line breaks (NUL,
 * escape, …), bidirectional overrides and isolates (which can make a quote read differently
 * from what it holds), and lone surrogates (not text at all).
 */
const FORBIDDEN_CHARACTERS =
  // eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
/** Whitespace and invisible format characters (zero-width spaces and joiners, BOMs). */
const INVISIBLE = /^[\s\p{Cf}]*$/u;

/** What is wrong with a text's characters: forbidden ones, or nothing visible at all. */
export function charactersProblem(text: string): string | undefined {
  const bad = FORBIDDEN_CHARACTERS.exec(text);
  if (bad) {
    const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return `must not contain control, bidirectional-override or unpaired surrogate characters (found U+${code} at position ${bad.index})`;
  }
  return INVISIBLE.test(text) ? 'must contain visible characters' : undefined;
}

export function mechanismProblem(text: string): string | undefined {
  if (text.trim() === '') return 'must be one sentence saying how the source moves the target (got an empty text)';
  const characters = charactersProblem(text);
  if (characters) return characters;
  return text.length > MAX_MECHANISM_LENGTH ? `must be at most ${MAX_MECHANISM_LENGTH} characters (got ${text.length})` : undefined;
}

export function quoteProblem(quote: string): string | undefined {
  if (quote.trim() === '') return 'quote must not be empty';
  const characters = charactersProblem(quote);
  if (characters) return `quote ${characters}`;
  return quote.length > MAX_QUOTE_LENGTH ? `quote must be at most ${MAX_QUOTE_LENGTH} characters (got ${quote.length})` : undefined;
}

export function evidenceProblem(evidence: Pick<Evidence, 'sourceId' | 'quote'>, sourceIds: ReadonlySet<string>): string | undefined {
  if (!sourceIds.has(evidence.sourceId)) return `cites no known source (${evidence.sourceId})`;
  return quoteProblem(evidence.quote);
}
