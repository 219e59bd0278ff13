import type { Deadline } from '../errors';
import type { ResponseMatrix } from './response-matrix';
import { tanh } from './tanh';

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
  const input = new Float64Array(rows);
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
    const change = sweep(levels, next, input, shockCount, rows, rowStart, source, weight);
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

/**
 * One synchronous halfway step from `from` into `to`; returns the largest change. Two
 * passes: the sparse products first, then the element-wise update, whose iterations are
 * independent and overlap in the processor, which a fused loop's tanh would stall.
 */
function sweep(
  from: Float64Array,
  to: Float64Array,
  input: Float64Array,
  shockCount: number,
  rows: number,
  rowStart: Int32Array,
  source: Int32Array,
  weight: Float64Array,
): number {
  let k = rowStart[0];
  for (let r = 0; r < rows; r++) {
    const end = rowStart[r + 1];
    // Two running sums, the entries at even and at odd offsets of the row: one chain of
    // additions would make every entry wait for the previous one's sum.
    let even = 0;
    let odd = 0;
    for (; k + 1 < end; k += 2) {
      even += weight[k] * from[source[k]];
      odd += weight[k + 1] * from[source[k + 1]];
    }
    if (k < end) {
      even += weight[k] * from[source[k]];
      k++;
    }
    input[r] = even + odd;
  }
  let change = 0;
  for (let r = 0; r < rows; r++) {
    const j = shockCount + r;
    const was = from[j];
    const level = 0.5 * was + 0.5 * tanh(input[r]);
    to[j] = level;
    const d = Math.abs(level - was);
    if (d > change) change = d;
  }
  return change;
}
