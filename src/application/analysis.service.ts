import { findDisagreements, type Disagreement } from '../domain/analysis/disagreements';
import { findFeedbackLoops, type FeedbackLoop, type LoopQuery } from '../domain/analysis/feedback-loops';
import { influenceOf, type EntityInfluence, type InfluenceQuery } from '../domain/analysis/influence';
import { neighbourhoodOf, type Neighbourhood } from '../domain/analysis/neighbourhood';
import { type Deadline, InvalidArgumentError } from '../domain/errors';
import { LIMITS, requireInRange } from '../domain/limits/argument-limits';
import type { Scenario } from '../domain/model/scenario.model';
import type { Shock } from '../domain/propagation/propagation.model';
import { response } from '../domain/response/response';
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

  constructor(
    private readonly index: CausalIndexSource,
    readonly scenarios: readonly Scenario[] = [],
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
  async response(query: ResponseQuery & { readonly scenario?: string | null }, deadline?: Deadline): Promise<Response> {
    const { scenario, ...rest } = query;
    return response(await this.index.causalGraph(), { ...rest, shocks: this.shocksOf(query.shocks, scenario) }, deadline);
  }

  async feedbackLoops(query: LoopQuery, deadline?: Deadline): Promise<FeedbackLoop[]> {
    return findFeedbackLoops(await this.index.causalGraph(), query, deadline);
  }

  async neighbourhood(id: string, hops: number, maxEntities: number): Promise<Neighbourhood> {
    return neighbourhoodOf(await this.index.causalGraph(), id, hops, maxEntities);
  }

  /** Pairs of entities joined by ACTIVE edges of both polarities (see domain/analysis/disagreements). */
  async disagreements(first: number): Promise<Disagreement[]> {
    requireInRange('first', first, LIMITS.disagreements.first);
    return findDisagreements(await this.index.causalGraph(), first);
  }

  async rankings(query: InfluenceQuery, first: number, deadline?: Deadline): Promise<Rankings> {
    requireInRange('first', first, LIMITS.rankings.first);
    const all = influenceOf(await this.index.causalGraph(), query, deadline);
    const by = (key: 'influence' | 'exposure') =>
      [...all]
        .filter((e) => e[key] > 0)
        .sort((a, b) => b[key] - a[key] || (a.entityId < b.entityId ? -1 : 1))
        .slice(0, first);
    return { parameters: query, leverage: by('influence'), vulnerable: by('exposure') };
  }
}
