import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { Direction } from '../../domain/model/graph.model';
import type { Band, EntityResponse } from '../../domain/response/response.model';
import { DirectionEnum } from './enums';

@ObjectType('Band', {
  description:
    "An entity's steady-state level over the Monte-Carlo draws. Each draw takes every edge's weight independently from a Beta distribution with mean = the weight and concentration α + β = 10 · confidence / (1 − confidence): a weight is a share in (0, 1], and a Beta is the distribution of a share (no clipping, centred on the claim), sure as 10 observations at confidence 0.5, twice as sure at every doubling of the confidence's odds, and a point mass at confidence 1. Percentiles interpolate linearly between order statistics (numpy's default).",
})
export class BandType implements Band {
  @Field(() => Float, { description: 'The 5th percentile of the level over the draws.' })
  p05!: number;

  @Field(() => Float, { description: 'The median level over the draws.' })
  p50!: number;

  @Field(() => Float, { description: 'The 95th percentile of the level over the draws.' })
  p95!: number;

  @Field(() => Float, { description: 'The share of draws in which the entity moves the same way as in the steady state.' })
  sameSign!: number;
}

@ObjectType('EntityResponse', { description: 'How one entity responds to the shocks, feedback included.' })
export class EntityResponseType implements Omit<EntityResponse, 'entityId' | 'series'> {
  @Field(() => ID, {
    description: "For client caches: the response's id, a colon and the entity id.",
  })
  id!: string;

  @Field(() => Float, { description: 'The steady-state level, in [-1, 1].' })
  level!: number;

  @Field(() => DirectionEnum, {
    nullable: true,
    description: 'UP for a positive level, DOWN for a negative one; null when the level is 0.',
  })
  direction!: Direction | null;

  @Field(() => [Float], { description: "The level on days 0..horizonDays, from the edges' lags with the first-order adjustment." })
  series!: number[];

  @Field(() => Int, { description: 'The first day on which |level| is largest within the horizon.' })
  peakDay!: number;

  @Field(() => BandType, { nullable: true, description: "With samples > 0: the level's spread over the draws of the edges' weights." })
  band!: Band | null;
}

@ObjectType('Response', {
  description:
    "The response to shocks with feedback: the graph as a fuzzy cognitive map (Kosko). Every entity's level starts at 0, the shocked ones are held at ±magnitude, and each step moves every other entity halfway to tanh(Σ weight × level of its causes), until no level changes by more than 1e-9.",
})
export class ResponseType {
  @Field(() => ID, {
    description:
      'For client caches: a digest of every argument of the response call (shocks, scenario, disable, horizonDays, adjustmentDays, samples, seed, includeProposed).',
  })
  id!: string;

  @Field(() => Boolean, { description: 'True when the levels settled (no change above 1e-9) within 1000 steps.' })
  converged!: boolean;

  @Field(() => Int, { description: 'How many steps were made, the last one included.' })
  steps!: number;

  @Field(() => [EntityResponseType], { description: 'Every non-shocked entity whose level is not 0: by |level| descending, then id.' })
  entities!: EntityResponse[];

  @Field(() => Int, { description: 'How many Monte-Carlo draws converged within 1000 steps (0 without samples).' })
  samplesConverged!: number;

  @Field(() => Int, {
    description: 'Days of the series whose same-day part did not settle within 200 repetitions (they keep their last levels); 0 as a rule.',
  })
  unsettledDays!: number;
}
