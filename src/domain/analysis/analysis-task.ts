import type { Deadline } from '../errors';
import { walkChannels } from '../propagation/channels';
import type { NumericChannels, NumericChannelsQuery } from '../propagation/channels.model';
import type { IndexView } from '../propagation/index-view';
import { walkPropagation } from '../propagation/propagate';
import type { NumericPropagation, NumericPropagationQuery } from '../propagation/propagation.model';
import { computeResponse } from '../response/response';
import type { NumericResponse, NumericResponseQuery } from '../response/response.model';
import { searchFeedbackLoops, type NumericLoop, type NumericLoopQuery } from './feedback-loops';
import { influenceNumbers, type InfluenceQuery, type NumericInfluence } from './influence';

/**
 * The heavy analyses as tasks in numbers: what a worker thread receives (with the version of
 * the shared index it runs on) and what it answers. The same function runs them in line
 * and on a worker, so both give the very same answers.
 */
export interface AnalysisTasks {
  /** With `baseline`, also the walk with nothing disabled (propagate's `compare`). */
  propagate: {
    query: { readonly query: NumericPropagationQuery; readonly baseline: boolean };
    result: { readonly result: NumericPropagation; readonly baseline?: NumericPropagation };
  };
  channels: { query: NumericChannelsQuery; result: NumericChannels };
  response: { query: NumericResponseQuery; result: NumericResponse };
  loops: { query: NumericLoopQuery; result: NumericLoop[] };
  influence: { query: InfluenceQuery; result: NumericInfluence };
}

export type AnalysisKind = keyof AnalysisTasks;

export interface AnalysisTask<K extends AnalysisKind = AnalysisKind> {
  readonly kind: K;
  readonly query: AnalysisTasks[K]['query'];
}

export type AnalysisResult<K extends AnalysisKind> = AnalysisTasks[K]['result'];

const RUN: { [K in AnalysisKind]: (view: IndexView, query: AnalysisTasks[K]['query'], deadline: Deadline) => AnalysisResult<K> } = {
  propagate: (view, { query, baseline }, deadline) => {
    const result = walkPropagation(view, query, deadline);
    if (!baseline) return { result };
    return { result, baseline: walkPropagation(view, { ...query, disabledEntities: [], disabledEdges: [] }, deadline) };
  },
  channels: walkChannels,
  response: computeResponse,
  loops: searchFeedbackLoops,
  influence: influenceNumbers,
};

/** Runs one task on one version of the index; throws what the analysis throws. */
export function runAnalysisTask<K extends AnalysisKind>(view: IndexView, task: AnalysisTask<K>, deadline: Deadline): AnalysisResult<K> {
  return (RUN[task.kind] as (view: IndexView, query: unknown, deadline: Deadline) => AnalysisResult<K>)(view, task.query, deadline);
}
