import { findFeedbackLoops, type FeedbackLoop, type LoopQuery } from '../domain/analysis/feedback-loops';
import { influenceOf, type EntityInfluence, type InfluenceQuery } from '../domain/analysis/influence';
import { neighbourhoodOf, type Neighbourhood } from '../domain/analysis/neighbourhood';
import { type Deadline, InvalidArgumentError } from '../domain/errors';
import { LIMITS, requireInRange } from '../domain/limits/argument-limits';
import type { Scenario } from '../domain/model/scenario.model';
import type { CausalIndexSource } from './ports/causal-index.port';

export interface Rankings {
  readonly parameters: InfluenceQuery;
  /** Strongest influence first: the leverage points. */
  readonly leverage: readonly EntityInfluence[];
  /** Strongest exposure first: the vulnerable ones. */
  readonly vulnerable: readonly EntityInfluence[];
}

/** Loops, neighbourhoods, rankings and scenarios: analyses over the current causal graph. */
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

  async feedbackLoops(query: LoopQuery, deadline?: Deadline): Promise<FeedbackLoop[]> {
    return findFeedbackLoops(await this.index.causalGraph(), query, deadline);
  }

  async neighbourhood(id: string, hops: number, maxEntities: number): Promise<Neighbourhood> {
    return neighbourhoodOf(await this.index.causalGraph(), id, hops, maxEntities);
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
