import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { ChangeKind } from '../../domain/propagation/compare-propagations';
import type { Direction } from '../../domain/model/graph.model';
import type { Impact, TransmissionPath } from '../../domain/propagation/propagation.model';
import { LIMITS } from '../../domain/limits/argument-limits';
import { limitedArg } from '../limited-arg';
import { ChangeKindEnum, DirectionEnum } from './enums';

@InputType('ShockInput', { description: 'An exogenous move of one entity.' })
export class ShockInput {
  @Field(() => ID, { description: 'The shocked entity.' })
  entityId!: string;

  @Field(() => DirectionEnum, { defaultValue: 'UP', description: 'Which way it moves, in the sense of its `measure`.' })
  direction!: Direction;

  @Field(() => Float, limitedArg(LIMITS.shock.magnitude, 'Size of the move (path strengths scale with it)'))
  magnitude!: number;
}

@ObjectType('Impact', { description: 'How a shock reaches one entity, over every path at or above `minStrength`.' })
export class ImpactType {
  @Field(() => ID, {
    description:
      'For client caches: a digest of the walk that produced the impact (its shocks, maxHops, minStrength, horizonDays, disable and includeProposed), a colon and the entity id. The same question gives the same id; other bounds give another.',
  })
  id!: string;

  @Field(() => DirectionEnum, {
    description: 'The direction of the first of its paths in path order (strongest, then fewest hops, then ids).',
  })
  direction!: Direction;

  @Field(() => Float, { description: "The strongest path's strength: magnitude × the product of weights along it." })
  strength!: number;

  @Field(() => Int, { description: 'The fewest hops among its paths.' })
  hops!: number;

  @Field(() => Int, { description: 'How many paths at or above `minStrength` end at the entity.' })
  pathCount!: number;

  @Field(() => Boolean, { description: 'True when paths of both directions end at the entity.' })
  mixed!: boolean;

  @Field(() => Int, {
    description: 'When the move arrives at the earliest: the smallest summed lag over its paths, in days after the shock.',
  })
  earliestArrivalDays!: number;

  @Field(() => Float, {
    description:
      "The net effect: the sum of the signed strengths (+ UP, − DOWN) of every path at or above `minStrength` that ends here, path analysis's total effect within the query's bounds. May exceed 1 when many channels agree.",
  })
  netEffect!: number;

  @Field(() => Float, {
    description:
      "|netEffect| / the sum of those paths' strengths, in [0, 1]: 1 when every channel points the same way, near 0 when they cancel.",
  })
  agreement!: number;
}

@ObjectType('TransmissionPath', { description: 'A simple directed path along causal edges from a shocked entity.' })
export class TransmissionPathType {
  @Field(() => ID, {
    description:
      'For client caches: the shock\'s direction and magnitude and the path\'s edge ids in order, e.g. "UP:1:boj-tightening-raises-yen-funding-cost,…". The same path from the same shock has the same id in every answer (propagate and channels alike).',
  })
  id!: string;

  @Field(() => Int, { description: 'Number of edges.' })
  hops!: number;

  @Field(() => Float, { description: 'Shock magnitude × the product of the weights along the path.' })
  strength!: number;

  @Field(() => DirectionEnum, { description: "The shock's direction, flipped by every NEGATIVE edge along the path." })
  direction!: Direction;

  @Field(() => Int, { description: "When the move arrives: the sum of the edges' lags, in days after the shock." })
  lagDays!: number;
}

@InputType('DisableInput', { description: 'What a counterfactual removes from the graph.' })
export class DisableInput {
  @Field(() => [ID], { nullable: true, description: 'Entities to treat as absent (at most 200; not a shocked one).' })
  entities?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Causal edges to treat as absent (at most 200).' })
  edges?: string[] | null;
}

@ObjectType('ImpactChange', { description: "One entity's impact in the unchanged graph and in the counterfactual." })
export class ImpactChangeType {
  @Field(() => ID, {
    description: 'For client caches: the digest of the counterfactual walk (as Impact.id) and the entity id.',
  })
  id!: string;

  @Field(() => ChangeKindEnum, { description: 'How it changed.' })
  kind!: ChangeKind;

  @Field(() => ImpactType, { nullable: true, description: 'The impact in the unchanged graph; null when it appeared.' })
  before?: Impact;

  @Field(() => ImpactType, { nullable: true, description: 'The impact in the counterfactual; null when it vanished.' })
  after?: Impact;
}

@ObjectType('PropagationComparison', { description: 'A counterfactual against the unchanged graph.' })
export class PropagationComparisonType {
  @Field(() => [ImpactChangeType], {
    description: 'Every entity whose impact differs (unchanged ones are left out), in the unchanged ranking order.',
  })
  changes!: unknown[];

  @Field(() => [TransmissionPathType], {
    description: "The unchanged graph's top paths that run through something removed: the channels cut.",
  })
  cutPaths!: TransmissionPath[];
}

@ObjectType('Propagation', { description: 'Where one or more shocks travel through the causal graph.' })
export class PropagationType {
  @Field(() => ID, {
    description:
      'For client caches: a digest of every argument of the propagate call that produced it (shocks or scenario as shocks, bounds, topPaths, disable, compare, includeProposed).',
  })
  id!: string;

  @Field(() => [ImpactType], { description: 'One row per reached entity other than the shocked ones, strongest first, then by entity id.' })
  impacts!: Impact[];

  @Field(() => [TransmissionPathType], {
    description: 'The `topPaths` strongest paths: by strength descending, then fewer hops, then entity ids, then edge ids.',
  })
  paths!: TransmissionPath[];

  @Field(() => PropagationComparisonType, {
    nullable: true,
    description: 'With `compare: true` and `disable`: the difference from the unchanged graph.',
  })
  comparison?: PropagationComparisonType;
}
