import type { Deadline } from '../errors';
import { prng, streamSeed } from '../random/prng';
import { entriesInEdgeIdOrder, type ResponseMatrix } from './response-matrix';
import type { Band } from './response.model';
import { steadyState } from './steady-state';
import { drawWeight } from './weight-draw';

export interface Draws {
  /** Per reported row (in the order asked), its band over the draws. */
  readonly bands: Band[];
  /** How many draws converged. */
  readonly converged: number;
}

/**
 * The steady state recomputed `samples` times, each time with every edge's weight drawn
 * independently (weight-draw.ts), and each asked-for row's levels summarised as percentiles
 * and the share of draws agreeing in sign with `levels` (the steady state). Draw s uses its
 * own stream of `seed` (streamSeed), and within a draw the edges are drawn in edge-id order,
 * so the numbers depend on the graph and the seed alone: not on a backend's numbering, nor
 * on which draws run first or where.
 */
export function monteCarlo(
  matrix: ResponseMatrix,
  edgeRank: Float64Array,
  rows: Int32Array,
  levels: Float64Array,
  samples: number,
  seed: number,
  deadline: Deadline,
): Draws {
  const { weight, confidence, shockCount } = matrix;
  const drawOrder = entriesInEdgeIdOrder(matrix, edgeRank);
  const drawn = new Float64Array(weight.length);
  const values = new Float64Array(rows.length * samples);
  let converged = 0;
  for (let s = 0; s < samples; s++) {
    // A draw on a small graph is too short for steadyState's own look at the clock.
    deadline.check();
    const uniform = prng(streamSeed(seed, s));
    for (let i = 0; i < drawOrder.length; i++) {
      const k = drawOrder[i];
      const w = weight[k];
      const draw = drawWeight(Math.abs(w), confidence[k], uniform);
      drawn[k] = w < 0 ? -draw : draw;
    }
    const state = steadyState(matrix, drawn, deadline);
    if (state.converged) converged++;
    for (let i = 0; i < rows.length; i++) values[i * samples + s] = state.levels[shockCount + rows[i]];
  }
  const bands = Array.from(rows, (row, i): Band => {
    const mine = values.subarray(i * samples, (i + 1) * samples).sort();
    const level = levels[shockCount + row];
    let same = 0;
    for (const v of mine) if ((v > 0 && level > 0) || (v < 0 && level < 0)) same++;
    return { p05: percentile(mine, 0.05), p50: percentile(mine, 0.5), p95: percentile(mine, 0.95), sameSign: same / samples };
  });
  return { bands, converged };
}

/**
 * The p-quantile of sorted values by linear interpolation between the two nearest order
 * statistics (Hyndman and Fan's type 7, numpy's and R's default): at h = (n − 1) · p,
 * x[⌊h⌋] + (h − ⌊h⌋) · (x[⌊h⌋ + 1] − x[⌊h⌋]).
 */
export function percentile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const low = Math.floor(h);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low] + (h - low) * (sorted[high] - sorted[low]);
}
