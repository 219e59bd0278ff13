import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { Direction } from '../../domain/model/graph.model';
import type { EntityInfluence } from '../../domain/analysis/influence';
import type { ExplanationStep } from '../../domain/propagation/explain-path';
import { DirectionEnum, LoopKindEnum } from './enums';

@ObjectType('FeedbackLoop', { description: 'A directed cycle of causal edges: a move that comes back to where it started.' })
export class FeedbackLoopType {
  @Field(() => ID, {
    description:
      "For client caches: the loop's edge ids in order, from the edge leaving its smallest entity id; the same loop has the same id in every answer.",
  })
  id!: string;

  @Field(() => LoopKindEnum, {
    description: 'REINFORCING (an even number of NEGATIVE edges: the move amplifies itself) or BALANCING (odd: it damps itself).',
  })
  kind!: 'REINFORCING' | 'BALANCING';

  @Field(() => Float, { description: 'The product of the weights around the loop.' })
  strength!: number;

  @Field(() => Int, { description: 'Number of edges (and of entities) in the loop.' })
  length!: number;
}

@ObjectType('ExplanationStep', { description: 'One step of a path in words, with the claim and the quote behind it.' })
export class ExplanationStepType implements Pick<ExplanationStep, 'fromMoves' | 'toMoves' | 'mechanism' | 'quote' | 'sentence'> {
  @Field(() => ID, {
    description:
      'For client caches: the edge id and how its first entity moves, e.g. "boj-tightening-raises-yen-funding-cost:UP": the step reads the same in every path.',
  })
  id!: string;

  @Field(() => DirectionEnum, { description: "How the step's first entity moves." })
  fromMoves!: Direction;

  @Field(() => DirectionEnum, { description: "How the step's second entity moves." })
  toMoves!: Direction;

  @Field(() => String, { description: "The edge's mechanism sentence." })
  mechanism!: string;

  @Field(() => String, { description: 'The first quote behind the edge, verbatim.' })
  quote!: string;

  @Field(() => String, { description: 'The step as one sentence: moves, mechanism, quote and source title.' })
  sentence!: string;
}

@ObjectType('PathExplanation', { description: 'A transmission path in readable English, ready to show.' })
export class PathExplanationType {
  @Field(() => String, { description: 'The chain in one line, e.g. "BOJ policy rate rises → Yen funding cost rises → …".' })
  text!: string;

  @Field(() => [ExplanationStepType], { description: 'Each step with its mechanism and quote.' })
  steps!: ExplanationStep[];
}

@ObjectType('EntityScore', { description: "An entity's place in the influence and exposure rankings." })
export class EntityScoreType implements Omit<EntityInfluence, 'entityId'> {
  @Field(() => ID, {
    description: "For client caches: the rankings' id, a colon and the entity id.",
  })
  id!: string;

  @Field(() => Float, { description: 'Sum of the impact strengths a unit UP shock to this entity causes.' })
  influence!: number;

  @Field(() => Int, { description: 'How many entities that shock reaches.' })
  reaches!: number;

  @Field(() => Float, { description: 'Sum of the impact strengths this entity receives over unit UP shocks to each other entity.' })
  exposure!: number;

  @Field(() => Int, { description: "How many entities' shocks reach it." })
  reachedBy!: number;
}

@ObjectType('Rankings', { description: 'Leverage points and vulnerable entities, with the parameters they were computed with.' })
export class RankingsType {
  @Field(() => ID, {
    description:
      'For client caches: the arguments it was computed with, e.g. "rankings:3:0.05:20:false" (maxHops, minStrength, first, includeProposed).',
  })
  id!: string;

  @Field(() => Int, { description: 'maxHops of every propagation behind the scores.' })
  maxHops!: number;

  @Field(() => Float, { description: 'minStrength of every propagation behind the scores.' })
  minStrength!: number;

  @Field(() => String, { description: 'How the scores are computed.' })
  method!: string;

  @Field(() => [EntityScoreType], { description: 'Highest influence first: where a move spreads furthest and strongest.' })
  leverage!: EntityInfluence[];

  @Field(() => [EntityScoreType], { description: 'Highest exposure first: what shocks elsewhere reach most strongly.' })
  vulnerable!: EntityInfluence[];
}

@ObjectType('Neighbourhood', { description: 'An entity with everything within a few causal edges of it, either way: one view to draw.' })
export class NeighbourhoodType {
  @Field(() => ID, {
    description: 'For client caches: the centre, hops and maxEntities, e.g. "neighbourhood:standing-repo-facility:1:100".',
  })
  id!: string;

  @Field(() => Boolean, { description: 'True when maxEntities cut the view short of `hops`.' })
  truncated!: boolean;
}

@ObjectType('ScenarioShock', { description: 'One shock of a scenario.' })
export class ScenarioShockType {
  @Field(() => ID, {
    description: 'For client caches: the scenario id, a colon and the shocked entity id.',
  })
  id!: string;

  @Field(() => DirectionEnum, { description: 'Which way the entity moves.' })
  direction!: Direction;

  @Field(() => Float, { description: 'Size of the move in (0, 1].' })
  magnitude!: number;
}

@ObjectType('Scenario', { description: 'A named shock the sources discuss; run it with propagate(scenario: id).' })
export class ScenarioType {
  @Field(() => ID, { description: 'Kebab-case id, e.g. "boj-hike".' })
  id!: string;

  @Field(() => String, { description: 'Short title.' })
  title!: string;

  @Field(() => String, { description: 'What happens, in a sentence or two.' })
  description!: string;

  @Field(() => String, { description: 'The sentence that motivates it, verbatim from its source.' })
  quote!: string;
}
