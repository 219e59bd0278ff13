import { rangeText, type IntRange, type NumberRange } from '../domain/limits/argument-limits';

/**
 * `@Arg` / `@Field` options read from the limits table (domain/limits): the default, when
 * the range has one, and a description that ends with the allowed range, so the schema
 * documents exactly what validation enforces.
 */
export function limitedArg(range: IntRange | NumberRange, text: string): { defaultValue?: number; description: string } {
  return {
    ...(range.default === undefined ? {} : { defaultValue: range.default }),
    description: `${text}: ${rangeText(range)}.`,
  };
}

/** The `includeProposed` argument every analysis takes (API.md). */
export const includeProposedArg = {
  defaultValue: false,
  description: 'Also walk claims still PROPOSED (awaiting review); by default only accepted claims count.',
};
