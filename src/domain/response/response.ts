import { Deadline, InvalidArgumentError } from '../errors';
import type { CausalGraph } from '../propagation/causal-graph';
import type { IndexView } from '../propagation/index-view';
import { toDirection } from '../propagation/path-rule';
import { monteCarlo } from './monte-carlo';
import { buildResponseMatrix } from './response-matrix';
import type { NumericEntityResponse, NumericResponse, NumericResponseQuery, Response, ResponseQuery } from './response.model';
import { responseSeries } from './series';
import { steadyState } from './steady-state';
import { validateResponseQuery } from './validate-response-query';

/**
 * Levels a response may hold at once, for its series (entities × days) and for its draws
 * (entities × samples): 80 MB each. The range checks bound a response on the curated graph
 * far below this; on a big graph this refuses what would not fit.
 */
export const RESPONSE_MAX_VALUES = 10_000_000;

/** The response to shocks with feedback (DOMAIN.md): checked, computed on numbers (`computeResponse`), put back into ids. */
export function response(graph: CausalGraph, query: ResponseQuery, deadline: Deadline = Deadline.NONE): Response {
  return responseToIds(graph, computeResponse(graph.view, validateResponseQuery(graph, query), deadline));
}

/** A numeric answer in ids. */
export function responseToIds(graph: CausalGraph, result: NumericResponse): Response {
  return {
    converged: result.converged,
    steps: result.steps,
    samplesConverged: result.samplesConverged,
    unsettledDays: result.unsettledDays,
    entities: result.entities.map((e) => ({
      entityId: graph.entityId(e.node),
      level: e.level,
      direction: e.level === 0 ? null : toDirection(e.level),
      series: Array.from(e.series),
      peakDay: e.peakDay,
      band: e.band,
    })),
  };
}

/**
 * The steady state, the series over time and, with samples, the Monte-Carlo bands, on the
 * numeric index alone (a worker thread can run it). Side-effect free; allocates in
 * proportion to the entities the shocks reach, their edges, and horizonDays and samples.
 */
export function computeResponse(view: IndexView, query: NumericResponseQuery, deadline: Deadline = Deadline.NONE): NumericResponse {
  const matrix = buildResponseMatrix(view, query, deadline);
  const { shockCount, size } = matrix;
  const rows = size - shockCount;
  const days = query.horizonDays + 1;
  if (rows * days > RESPONSE_MAX_VALUES) {
    throw new InvalidArgumentError(
      'horizonDays',
      `asks for ${rows} entities × ${days} days, more than ${RESPONSE_MAX_VALUES} levels; ask for fewer days`,
    );
  }
  const steady = steadyState(matrix, matrix.weight, deadline);
  const { levels } = steady;
  const rank = view.entityRank;
  const reported = Int32Array.from({ length: rows }, (_, r) => r)
    .filter((r) => levels[shockCount + r] !== 0)
    .sort((a, b) => {
      const byLevel = Math.abs(levels[shockCount + b]) - Math.abs(levels[shockCount + a]);
      return byLevel !== 0 ? byLevel : rank[matrix.entity[shockCount + a]] - rank[matrix.entity[shockCount + b]];
    });
  if (query.samples > 0 && reported.length * query.samples > RESPONSE_MAX_VALUES) {
    throw new InvalidArgumentError(
      'samples',
      `asks for ${reported.length} entities × ${query.samples} draws, more than ${RESPONSE_MAX_VALUES} levels; ask for fewer samples`,
    );
  }
  const series = responseSeries(matrix, query.horizonDays, query.adjustmentDays, deadline);
  const draws = query.samples > 0 ? monteCarlo(matrix, view.edgeRank, reported, levels, query.samples, query.seed, deadline) : null;
  const entities = Array.from(reported, (r, i): NumericEntityResponse => {
    const own = new Float64Array(days);
    let peakDay = 0;
    for (let t = 0; t < days; t++) {
      own[t] = series.values[t * rows + r];
      if (Math.abs(own[t]) > Math.abs(own[peakDay])) peakDay = t;
    }
    return { node: matrix.entity[shockCount + r], level: levels[shockCount + r], series: own, peakDay, band: draws?.bands[i] ?? null };
  });
  return {
    converged: steady.converged,
    steps: steady.steps,
    entities,
    samplesConverged: draws?.converged ?? 0,
    unsettledDays: series.unsettledDays,
  };
}
