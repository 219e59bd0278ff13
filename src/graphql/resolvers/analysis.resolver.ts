import { Arg, Ctx, FieldResolver, Float, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Rankings } from '../../application/analysis.service';
import type { FeedbackLoop } from '../../domain/analysis/feedback-loops';
import type { EntityInfluence } from '../../domain/analysis/influence';
import type { Neighbourhood } from '../../domain/analysis/neighbourhood';
import type { CausalEdge, Entity, Source } from '../../domain/model/graph.model';
import type { Scenario } from '../../domain/model/scenario.model';
import type { ImpactChange } from '../../domain/propagation/compare-propagations';
import type { Shock } from '../../domain/propagation/propagation.model';
import { LIMITS } from '../../domain/limits/argument-limits';
import type { Context } from '../context';
import { includeProposedArg, limitedArg } from '../limited-arg';
import { loadAll } from '../loaders';
import {
  EntityScoreType,
  FeedbackLoopType,
  NeighbourhoodType,
  RankingsType,
  ScenarioShockType,
  ScenarioType,
} from '../types/analysis.type';
import { CausalEdgeType } from '../types/causal-edge.type';
import { EntityType } from '../types/entity.type';
import { ImpactChangeType } from '../types/propagation.type';
import { SourceType } from '../types/source.type';

@Resolver()
export class AnalysisQueryResolver {
  @Query(() => [FeedbackLoopType], {
    description:
      'Feedback loops (directed cycles of causal edges), strongest first; each reported once, whichever entity it is entered from.',
  })
  async feedbackLoops(
    @Arg('through', () => ID, { nullable: true, description: 'Only loops through this entity.' }) through: string | null,
    @Arg('maxLength', () => Int, limitedArg(LIMITS.feedbackLoops.maxLength, 'Longest loop, in edges')) maxLength: number,
    @Arg('first', () => Int, limitedArg(LIMITS.feedbackLoops.first, 'How many loops')) first: number,
    @Arg('includeProposed', () => Boolean, includeProposedArg) includeProposed: boolean,
    @Ctx() ctx: Context,
  ): Promise<Array<FeedbackLoop & { id: string }>> {
    const loops = await ctx.analysis.feedbackLoops({ through, maxLength, first, includeProposed }, ctx.order);
    return loops.map((loop) => ({ ...loop, id: loop.edgeIds.join(',') }));
  }

  @Query(() => RankingsType, {
    description: 'Leverage points (influence) and vulnerable entities (exposure): every entity shocked UP with magnitude 1 in turn.',
  })
  async rankings(
    @Arg('maxHops', () => Int, limitedArg(LIMITS.rankings.maxHops, 'maxHops of each propagation')) maxHops: number,
    @Arg('minStrength', () => Float, limitedArg(LIMITS.rankings.minStrength, 'minStrength of each propagation')) minStrength: number,
    @Arg('first', () => Int, limitedArg(LIMITS.rankings.first, 'How many entities per ranking')) first: number,
    @Arg('includeProposed', () => Boolean, includeProposedArg) includeProposed: boolean,
    @Ctx() ctx: Context,
  ): Promise<Rankings & { id: string }> {
    const rankings = await ctx.analysis.rankings({ maxHops, minStrength, includeProposed }, first, ctx.order);
    const id = `rankings:${maxHops}:${minStrength}:${first}:${includeProposed}`;
    const scored = (list: Rankings['leverage']) => list.map((score) => ({ ...score, id: `${id}:${score.entityId}` }));
    return { ...rankings, id, leverage: scored(rankings.leverage), vulnerable: scored(rankings.vulnerable) };
  }

  @Query(() => NeighbourhoodType, {
    description: 'An entity and everything within `hops` causal edges of it, either way, with the edges among them.',
  })
  async neighbourhood(
    @Arg('id', () => ID, { description: 'The centre entity.' }) id: string,
    @Arg('hops', () => Int, limitedArg(LIMITS.neighbourhood.hops, 'How far, in edges')) hops: number,
    @Arg('maxEntities', () => Int, limitedArg(LIMITS.neighbourhood.maxEntities, 'At most this many entities (nearest first)'))
    maxEntities: number,
    @Ctx() ctx: Context,
  ): Promise<Neighbourhood & { id: string }> {
    return { ...(await ctx.analysis.neighbourhood(id, hops, maxEntities)), id: `neighbourhood:${id}:${hops}:${maxEntities}` };
  }

  @Query(() => [ScenarioType], { description: 'Named shocks from the sources, ready for propagate(scenario: id).' })
  scenarios(@Ctx() ctx: Context): readonly Scenario[] {
    return ctx.analysis.scenarios;
  }
}

@Resolver(() => FeedbackLoopType)
export class FeedbackLoopResolver {
  @FieldResolver(() => [EntityType], { description: 'The entities around the loop, starting from the smallest id.' })
  entities(@Root() loop: FeedbackLoop, @Ctx() ctx: Context): Promise<Entity[]> {
    return loadAll(ctx.loaders.entity, loop.entityIds);
  }

  @FieldResolver(() => [CausalEdgeType], {
    description: 'The edges around the loop: entities[i] → entities[i + 1], the last one closing it.',
  })
  edges(@Root() loop: FeedbackLoop, @Ctx() ctx: Context): Promise<CausalEdge[]> {
    return loadAll(ctx.loaders.edge, loop.edgeIds);
  }

  @FieldResolver(() => Int, { description: 'Number of edges (and of entities) in the loop.' })
  length(@Root() loop: FeedbackLoop): number {
    return loop.edgeIds.length;
  }
}

@Resolver(() => NeighbourhoodType)
export class NeighbourhoodResolver {
  @FieldResolver(() => [EntityType], { description: 'The centre first, then the others nearest first.' })
  entities(@Root() view: Neighbourhood, @Ctx() ctx: Context): Promise<Entity[]> {
    return loadAll(ctx.loaders.entity, view.entityIds);
  }

  @FieldResolver(() => [CausalEdgeType], { description: 'Every active causal edge between two of the entities.' })
  edges(@Root() view: Neighbourhood, @Ctx() ctx: Context): Promise<CausalEdge[]> {
    return loadAll(ctx.loaders.edge, view.edgeIds);
  }
}

@Resolver(() => RankingsType)
export class RankingsResolver {
  @FieldResolver(() => String, { description: 'How the scores are computed.' })
  method(@Root() rankings: Rankings): string {
    const { maxHops, minStrength } = rankings.parameters;
    return `each entity shocked UP with magnitude 1 (maxHops ${maxHops}, minStrength ${minStrength}); influence = sum of its impacts' strengths, exposure = sum of the strengths it receives`;
  }

  @FieldResolver(() => Int, { description: 'maxHops of every propagation behind the scores.' })
  maxHops(@Root() rankings: Rankings): number {
    return rankings.parameters.maxHops;
  }

  @FieldResolver(() => Float, { description: 'minStrength of every propagation behind the scores.' })
  minStrength(@Root() rankings: Rankings): number {
    return rankings.parameters.minStrength;
  }
}

@Resolver(() => EntityScoreType)
export class EntityScoreResolver {
  @FieldResolver(() => EntityType, { description: 'The entity.' })
  entity(@Root() score: EntityInfluence, @Ctx() ctx: Context): Promise<Entity> {
    return ctx.loaders.entity.load(score.entityId);
  }
}

@Resolver(() => ScenarioType)
export class ScenarioResolver {
  @FieldResolver(() => SourceType, { description: 'The source the scenario comes from.' })
  source(@Root() scenario: Scenario, @Ctx() ctx: Context): Promise<Source> {
    return ctx.loaders.source.load(scenario.sourceId);
  }

  @FieldResolver(() => [ScenarioShockType], { description: 'The shocks the scenario applies.' })
  shocks(@Root() scenario: Scenario): Array<Shock & { id: string }> {
    return scenario.shocks.map((shock) => ({ ...shock, id: `${scenario.id}:${shock.entityId}` }));
  }
}

@Resolver(() => ScenarioShockType)
export class ScenarioShockResolver {
  @FieldResolver(() => EntityType, { description: 'The shocked entity.' })
  entity(@Root() shock: Shock, @Ctx() ctx: Context): Promise<Entity> {
    return ctx.loaders.entity.load(shock.entityId);
  }
}

@Resolver(() => ImpactChangeType)
export class ImpactChangeResolver {
  @FieldResolver(() => EntityType, { description: 'The entity whose impact changed.' })
  entity(@Root() change: ImpactChange, @Ctx() ctx: Context): Promise<Entity> {
    return ctx.loaders.entity.load(change.entityId);
  }
}
