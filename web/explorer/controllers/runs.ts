// Runs: on `run-requested` it settles the query (reading the form when none came with the
// event), fetches the answer and reports `run-started`, then `run-succeeded` or `run-failed`.
// A run that a newer one replaced is cancelled: it stops at its next step and what it would
// report is dropped (the requests are not aborted — an aborted fetch shows as a failed request
// in the browser's log, and the server finishes the work either way).

import { ApiError, propagate, propagatePaths } from '../api';
import { connectingPaths, connectingQuery, totalPaths, uncovered } from '../drawing';
import type { Answer, ExplorerEvent, RunOrigin } from '../machine';
import type { ConnectingPath, PropagateArgs, Propagation, Scenario, ShockNode } from '../model';
import { toSearch, type QueryState } from '../state';
import type { ExplorerStore } from './types';

export interface RunDeps {
  /** Reads the form into a query; throws with a message for the user when it is incomplete. */
  readForm(): Promise<QueryState>;
  /** The scenarios (an empty list when they could not be loaded). */
  scenarios(): Promise<Scenario[]>;
  /** An entity's name: the form's, or looked up. */
  nameOf(id: string): Promise<string | null>;
}

/** Answers kept for back and forward, by query string. */
const KEPT_ANSWERS = 20;

export class RunController {
  private readonly answers = new Map<string, Answer>();

  constructor(
    private readonly store: ExplorerStore,
    private readonly deps: RunDeps,
  ) {
    store.subscribe((state, event) => {
      if (event.type === 'run-requested') void this.run(state.runId, event.origin, event.query);
      else if (event.type === 'history-popped' && event.query) void this.run(state.runId, 'history', event.query);
    });
  }

  private current(runId: number): boolean {
    return this.store.state.runId === runId;
  }

  private dispatch(event: ExplorerEvent): void {
    this.store.dispatch(event);
  }

  private async run(runId: number, origin: RunOrigin, given?: QueryState): Promise<void> {
    let query = given;
    if (!query) {
      try {
        query = await this.deps.readForm();
      } catch (error) {
        if (this.current(runId)) this.dispatch({ type: 'form-invalid', runId, message: messageOf(error) });
        return;
      }
    }
    if (!this.current(runId)) return;
    this.dispatch({ type: 'run-started', runId, origin, query });
    // Back and forward show what was seen there, without asking again.
    const kept = origin === 'history' ? this.answers.get(toSearch(query)) : undefined;
    if (kept) {
      this.dispatch({ type: 'run-succeeded', runId, answer: kept });
      return;
    }
    try {
      const answer = await this.fetchAnswer(query, () => this.current(runId));
      if (!answer || !this.current(runId)) return;
      this.keep(answer);
      this.dispatch({ type: 'run-succeeded', runId, answer });
    } catch (error) {
      if (this.current(runId)) this.dispatch({ type: 'run-failed', runId, message: messageOf(error) });
    }
  }

  private keep(answer: Answer): void {
    const key = toSearch(answer.query);
    this.answers.delete(key);
    this.answers.set(key, answer);
    if (this.answers.size > KEPT_ANSWERS) this.answers.delete(this.answers.keys().next().value!);
  }

  /** Null when the run was replaced before it finished. */
  private async fetchAnswer(query: QueryState, current: () => boolean): Promise<Answer | null> {
    const disable =
      query.disableEntities.length || query.disableEdges.length
        ? {
            ...(query.disableEntities.length ? { entities: query.disableEntities } : {}),
            ...(query.disableEdges.length ? { edges: query.disableEdges } : {}),
          }
        : undefined;
    const base: Omit<PropagateArgs, 'compare' | 'topPaths'> = {
      ...(query.scenario ? { scenario: query.scenario } : { shocks: [{ entityId: query.shock!, direction: query.direction }] }),
      maxHops: query.hops,
      minStrength: query.minStrength,
      horizonDays: query.horizonDays ?? undefined,
      disable,
    };
    const [propagation, scenarios] = await Promise.all([
      propagate({ ...base, topPaths: query.topPaths, compare: Boolean(disable) }),
      this.deps.scenarios(),
    ]);
    if (!current()) return null;
    const scenario = query.scenario ? (scenarios.find((s) => s.id === query.scenario) ?? null) : null;
    const shocks = await this.shockNodes(query, scenario, propagation);
    if (!current()) return null;

    // Reached entities the listed paths miss are drawn with their strongest path (drawing.ts).
    const shockIds = new Set(shocks.map((s) => s.id));
    const missing = uncovered(propagation.impacts, propagation.paths, shockIds);
    const ask = connectingQuery(missing, totalPaths(propagation.impacts));
    let connecting: ConnectingPath[] = [];
    let connectingError: string | null = null;
    if (ask) {
      try {
        const candidates = await propagatePaths({ ...base, ...ask });
        connecting = connectingPaths(
          missing.map((i) => i.entity.id),
          candidates,
        );
      } catch (error) {
        connectingError = messageOf(error);
      }
    }
    return { query, scenario, shocks, propagation, connecting, connectingError };
  }

  private async shockNodes(query: QueryState, scenario: Scenario | null, propagation: Propagation): Promise<ShockNode[]> {
    if (scenario) return scenario.shocks.map((s) => ({ id: s.entity.id, name: s.entity.name, direction: s.direction }));
    if (query.shock) {
      const name = await this.deps.nameOf(query.shock).catch(() => null);
      return [{ id: query.shock, name: name ?? query.shock, direction: query.direction }];
    }
    // A scenario the list did not have (it failed to load): its shocks start the paths.
    const seen = new Map<string, ShockNode>();
    for (const path of propagation.paths) {
      const first = path.entities[0];
      if (!seen.has(first.id)) seen.set(first.id, { id: first.id, name: first.id, direction: 'UP' });
    }
    return [...seen.values()];
  }
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ApiError && error.code === 'COST_LIMIT_EXCEEDED') {
    return `${message}\nDraw fewer paths (“Paths drawn” under the graph) or allow fewer hops.`;
  }
  return message;
}
