import { ID_PATTERN, MAX_QUOTE_LENGTH, type Evidence } from './graph.model';

/**
 * The rules a single value must meet, shared by the seed validator and the write checks.
 * Each returns what is wrong, phrased to follow the field's name, or undefined when fine.
 */

export const MAX_MECHANISM_LENGTH = 500;
export const MAX_LAG_DAYS = 3650;

export function idProblem(id: string): string | undefined {
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

export function mechanismProblem(text: string): string | undefined {
  if (text.trim() === '') return 'must be one sentence saying how the source moves the target (got an empty text)';
  return text.length > MAX_MECHANISM_LENGTH ? `must be at most ${MAX_MECHANISM_LENGTH} characters (got ${text.length})` : undefined;
}

export function quoteProblem(quote: string): string | undefined {
  if (quote.trim() === '') return 'quote must not be empty';
  return quote.length > MAX_QUOTE_LENGTH ? `quote must be at most ${MAX_QUOTE_LENGTH} characters (got ${quote.length})` : undefined;
}

export function evidenceProblem(evidence: Pick<Evidence, 'sourceId' | 'quote'>, sourceIds: ReadonlySet<string>): string | undefined {
  if (!sourceIds.has(evidence.sourceId)) return `cites no known source (${evidence.sourceId})`;
  return quoteProblem(evidence.quote);
}
