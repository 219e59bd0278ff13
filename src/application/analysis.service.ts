import { findDisagreements, type Disagreement } from '../domain/analysis/disagreements';
import { feedbackLoopsToIds, numericLoopQuery, type FeedbackLoop, type LoopQuery } from '../domain/analysis/feedback-loops';
import { checkInfluenceQuery, influenceToIds, type EntityInfluence, type InfluenceQuery } from '../domain/analysis/influence';
import { neighbourhoodOf, type Neighbourhood } from '../domain/analysis/neighbourhood';
import { InvalidArgumentError } from '../domain/errors';
import { LIMITS, requireInRange } from '../domain/limits/argument-limits';
import type { Scenario } from '../domain/model/scenario.model';
import type { Shock } from '../domain/propagation/propagation.model';
import { responseToIds } from '../domain/response/response';
import { validateResponseQuery } from '../domain/response/validate-response-query';
import type { CausalGraph } from '../domain/propagation/causal-graph';
import { HeavyWork, LOCAL_WORK, type WorkOrder } from './heavy-work';
import type { Response, ResponseQuery } from '../domain/response/response.model';
import type { CausalIndexSource } from './ports/causal-index.port';

export interface Rankings {
  readonly parameters: InfluenceQuery;
  /** Strongest influence first: the leverage points. */
  readonly leverage: readonly EntityInfluence[];
  /** Strongest exposure first: the vulnerable ones. */
  readonly vulnerable: readonly EntityInfluence[];
}

/** Loops, neighbourhoods, rankings, scenarios and the response: analyses over the current causal graph. */
export class AnalysisService {
  private readonly scenarioById: ReadonlyMap<string, Scenario>;
  private readonly influenceCache = new WeakMap<CausalGraph, Map<string, Promise<EntityInfluence[]>>>();

  constructor(
    private readonly index: CausalIndexSource,
    readonly scenarios: readonly Scenario[] = [],
    private readonly heavy: HeavyWork = new HeavyWork(),
  ) {
    this.scenarioById = new Map(scenarios.map((s) => [s.id, s]));
  }

  scenario(id: string): Scenario {
    const scenario = this.scenarioById.get(id);
    if (!scenario) throw new InvalidArgumentError('scenario', `names no scenario (got "${id}"); the scenarios query lists them`);
    return scenario;
  }

  /** The shocks a query names: its own, or a scenario's, never both. */
  shocksOf(shocks: readonly Shock[], scenario: string | null | undefined): readonly Shock[] {
    if (scenario == null) return shocks;
    if (shocks.length > 0) throw new InvalidArgumentError('scenario', 'comes instead of shocks; give one or the other');
    return this.scenario(scenario).shocks;
  }

  /** The response with feedback to a query's shocks, or to a scenario's. */
  async response(query: ResponseQuery & { readonly scenario?: string | null }, order: WorkOrder = LOCAL_WORK): Promise<Response> {
    const { scenario, ...rest } = query;
    const graph = await this.index.causalGraph();
    const numeric = validateResponseQuery(graph, { ...rest, shocks: this.shocksOf(query.shocks, scenario) });
    return responseToIds(graph, await this.heavy.run(graph, { kind: 'response', query: numeric }, order));
  }

  async feedbackLoops(query: LoopQuery, order: WorkOrder = LOCAL_WORK): Promise<FeedbackLoop[]> {
    const graph = await this.index.causalGraph();
    const numeric = numericLoopQuery(graph, query);
    return feedbackLoopsToIds(graph, await this.heavy.run(graph, { kind: 'loops', query: numeric }, order));
  }

  async neighbourhood(id: string, hops: number, maxEntities: number): Promise<Neighbourhood> {
    return neighbourhoodOf(await this.index.causalGraph(), id, hops, maxEntities);
  }

  /** Pairs of entities joined by ACTIVE edges of both polarities (see domain/analysis/disagreements). */
  async disagreements(first: number): Promise<Disagreement[]> {
    requireInRange('first', first, LIMITS.disagreements.first);
    return findDisagreements(await this.index.causalGraph(), first);
  }

  async rankings(query: InfluenceQuery, first: number, order: WorkOrder = LOCAL_WORK): Promise<Rankings> {
    requireInRange('first', first, LIMITS.rankings.first);
    const all = await this.influence(await this.index.causalGraph(), query, order);
    const by = (key: 'influence' | 'exposure') =>
      [...all]
        .filter((e) => e[key] > 0)
        .sort((a, b) => b[key] - a[key] || (a.entityId < b.entityId ? -1 : 1))
        .slice(0, first);
    return { parameters: query, leverage: by('influence'), vulnerable: by('exposure') };
  }

  /** Influence and exposure of every entity, computed once per graph version and parameters. */
  private async influence(graph: CausalGraph, query: InfluenceQuery, order: WorkOrder): Promise<EntityInfluence[]> {
    checkInfluenceQuery(graph, query);
    const key = `${query.maxHops}/${query.minStrength}/${query.includeProposed ?? false}`;
    const perGraph = this.influenceCache.get(graph) ?? new Map<string, Promise<EntityInfluence[]>>();
    this.influenceCache.set(graph, perGraph);
    let answer = perGraph.get(key);
    if (!answer) {
      answer = this.heavy.run(graph, { kind: 'influence', query }, order).then((numbers) => influenceToIds(graph, numbers));
      perGraph.set(key, answer);
      // A failed computation (a deadline, a refusal) is not kept: the next request tries again.
      answer.catch(() => perGraph.delete(key));
    }
    return answer;
  }
}
