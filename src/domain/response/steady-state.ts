import type { Deadline } from '../errors';
import type { ResponseMatrix } from './response-matrix';

/** A step whose largest change is at most this has converged (DOMAIN.md). */
export const SETTLED = 1e-9;
/** At most this many steps. */
export const MAX_STEPS = 1000;
/** Matrix entries processed between two looks at the clock. */
export const WORK_PER_CHECK = 1 << 20;

export interface SteadyState {
  /** By local number (see ResponseMatrix): the shocks' held levels, then the rows'. */
  readonly levels: Float64Array;
  /** Updates made, the last one included. */
  readonly steps: number;
  readonly converged: boolean;
}

/**
 * The fuzzy cognitive map's steady state (DOMAIN.md, "The response with feedback"): from
 * level 0, with the shocks held, every row moves at once halfway to its target,
 * level ← ½ · level + ½ · tanh(Σ W · previous levels), until no level changes by more than
 * 1e-9, or for at most 1000 steps. `weight` gives each entry's weight (the matrix's own, or
 * a Monte-Carlo draw of it). One step is one pass over the entries: O(edges).
 */
export function steadyState(matrix: ResponseMatrix, weight: Float64Array, deadline: Deadline): SteadyState {
  const { size, shockCount, rowStart, source } = matrix;
  let levels = new Float64Array(size);
  let next = new Float64Array(size);
  levels.set(matrix.shockLevel);
  next.set(matrix.shockLevel);
  const rows = size - shockCount;
  const workPerStep = rowStart[rows] + rows;
  let work = 0;
  let steps = 0;
  let converged = false;
  while (steps < MAX_STEPS) {
    work += workPerStep;
    if (work >= WORK_PER_CHECK) {
      work = 0;
      deadline.check();
    }
    const change = sweep(levels, next, shockCount, rows, rowStart, source, weight);
    steps++;
    const t = levels;
    levels = next;
    next = t;
    if (change <= SETTLED) {
      converged = true;
      break;
    }
  }
  return { levels, steps, converged };
}

/** One synchronous halfway step from `from` into `to`; returns the largest change. */
function sweep(
  from: Float64Array,
  to: Float64Array,
  shockCount: number,
  rows: number,
  rowStart: Int32Array,
  source: Int32Array,
  weight: Float64Array,
): number {
  let change = 0;
  let k = rowStart[0];
  for (let r = 0; r < rows; r++) {
    const end = rowStart[r + 1];
    let input = 0;
    for (; k < end; k++) input += weight[k] * from[source[k]];
    const j = shockCount + r;
    const was = from[j];
    const level = 0.5 * was + 0.5 * Math.tanh(input);
    to[j] = level;
    const d = Math.abs(level - was);
    if (d > change) change = d;
  }
  return change;
}
