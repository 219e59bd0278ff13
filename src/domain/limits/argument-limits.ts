import { InvalidArgumentError } from '../errors';

/**
 * Every argument's allowed values and default, defined once. Validation, the schema's
 * argument defaults and descriptions, the cost model and the browser clients all read this
 * table, so a range changed here changes everywhere (STYLE.md, "One table, many readers").
 */

/** A whole number from `min` to `max`, inclusive. */
export interface IntRange {
  readonly kind: 'int';
  readonly min: number;
  readonly max: number;
  readonly default?: number;
}

/** A real number between `min` and `max`; each end open or closed. */
export interface NumberRange {
  readonly kind: 'number';
  readonly min: number;
  readonly max: number;
  readonly minOpen: boolean;
  readonly maxOpen: boolean;
  readonly default?: number;
}

/** How many items a list argument may hold. */
export interface CountRange {
  readonly kind: 'count';
  readonly min: number;
  readonly max: number;
}

/** How many characters a text may have. */
export interface LengthRange {
  readonly kind: 'length';
  readonly max: number;
}

export type ArgumentRange = IntRange | NumberRange | CountRange | LengthRange;

/** A range whose default is known to be there (the type says so, for readers that need it). */
type WithDefault<R, D> = D extends number ? R & { readonly default: number } : R;

const int = <D extends number | undefined = undefined>(min: number, max: number, dflt?: D): WithDefault<IntRange, D> =>
  ({ kind: 'int', min, max, ...(dflt === undefined ? {} : { default: dflt }) }) as WithDefault<IntRange, D>;
/** `ends` as in interval notation: '[)' is [min, max), '(]' is (min, max]. */
const number = <D extends number | undefined = undefined>(
  min: number,
  max: number,
  ends: '[]' | '[)' | '(]' | '()',
  dflt?: D,
): WithDefault<NumberRange, D> =>
  ({
    kind: 'number',
    min,
    max,
    minOpen: ends[0] === '(',
    maxOpen: ends[1] === ')',
    ...(dflt === undefined ? {} : { default: dflt }),
  }) as WithDefault<NumberRange, D>;
const count = (min: number, max: number): CountRange => ({ kind: 'count', min, max });
const length = (max: number): LengthRange => ({ kind: 'length', max });

export const LIMITS = {
  propagate: {
    shocks: count(1, 50),
    maxHops: int(1, 8, 3),
    minStrength: number(0, 1, '[)', 0.05),
    topPaths: int(1, 1000, 25),
    horizonDays: int(0, 3650),
    /** Entities, and edges, a counterfactual may remove. */
    disabled: count(0, 200),
  },
  shock: {
    magnitude: number(0, 1, '(]', 1),
  },
  channels: {
    maxHops: int(1, 8, 4),
    minStrength: number(0, 1, '[)', 0.01),
    topPaths: int(1, 1000, 25),
    /** A path of 8 hops passes through at most 7 entities between its ends. */
    via: count(0, 7),
    avoid: count(0, 200),
    /** `Channels.contributions(first)`. */
    contributions: int(1, 500, 10),
  },
  response: {
    shocks: count(1, 50),
    horizonDays: int(0, 730, 90),
    adjustmentDays: int(1, 365, 5),
    samples: int(0, 1000, 0),
    /** Any GraphQL Int. */
    seed: int(-(2 ** 31), 2 ** 31 - 1, 1),
  },
  entities: {
    first: int(1, 500, 50),
  },
  edges: {
    first: int(1, 1000, 100),
  },
  feedbackLoops: {
    maxLength: int(2, 8, 6),
    first: int(1, 500, 50),
  },
  rankings: {
    maxHops: int(1, 4, 3),
    minStrength: number(0, 1, '()', 0.05),
    first: int(1, 500, 20),
  },
  neighbourhood: {
    hops: int(1, 4, 1),
    maxEntities: int(1, 500, 100),
  },
  reviewQueue: {
    first: int(1, 500, 50),
  },
  disagreements: {
    /** Groups of edges (one pair of entities each). */
    first: int(1, 500, 50),
  },
  suggestEdges: {
    first: int(1, 200, 50),
  },
  /** What one write may hold, and what an edge or entity may grow to over its revisions. */
  writes: {
    /** Quotes on one edge, the ones it has and the ones added. */
    evidence: count(1, 50),
    /** Other names of one entity. */
    aliases: count(0, 50),
    /** Entity, source and edge ids. */
    id: length(200),
    idempotencyKey: length(200),
    quote: length(300),
    mechanism: length(500),
    /** Names, aliases, descriptions, measures, titles, authors and reasons. */
    text: length(2000),
  },
} as const;

/** The range as people read it: `1..8`, `[0, 1)`, `1 to 50 items`. */
export function rangeText(range: ArgumentRange): string {
  switch (range.kind) {
    case 'int':
      return `${range.min}..${range.max}`;
    case 'number':
      return `${range.minOpen ? '(' : '['}${range.min}, ${range.max}${range.maxOpen ? ')' : ']'}`;
    case 'count':
      return `${range.min} to ${range.max} items`;
    case 'length':
      return `at most ${range.max} characters`;
  }
}

/** Whether a number lies in an int or number range. */
export function inRange(value: number, range: IntRange | NumberRange): boolean {
  if (range.kind === 'int') return Number.isInteger(value) && value >= range.min && value <= range.max;
  if (!Number.isFinite(value)) return false;
  const aboveMin = range.minOpen ? value > range.min : value >= range.min;
  const belowMax = range.maxOpen ? value < range.max : value <= range.max;
  return aboveMin && belowMax;
}

/** Refuses a value outside its range, naming the argument and what is allowed. */
export function requireInRange(argument: string, value: number, range: IntRange | NumberRange): void {
  if (inRange(value, range)) return;
  const allowed = range.kind === 'int' ? `an integer from ${range.min} to ${range.max}` : `a number in ${rangeText(range)}`;
  throw new InvalidArgumentError(argument, `must be ${allowed} (got ${value})`);
}

/** Refuses a list whose length is outside its range. */
export function requireCount(argument: string, length: number, range: CountRange, noun: string): void {
  if (length >= range.min && length <= range.max) return;
  const allowed = range.min === 0 ? `at most ${range.max} ${noun}` : `from ${range.min} to ${range.max} ${noun}`;
  throw new InvalidArgumentError(argument, `must list ${allowed} (got ${length})`);
}
