import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { Direction } from '../../domain/model/graph.model';
import type { Impact, TransmissionPath } from '../../domain/propagation/propagation.model';
import { DirectionEnum } from './enums';

@InputType('ShockInput', { description: 'An exogenous move of one entity.' })
export class ShockInput {
  @Field(() => ID, { description: 'The shocked entity.' })
  entityId!: string;

  @Field(() => DirectionEnum, { defaultValue: 'UP', description: 'Which way it moves, in the sense of its `measure`.' })
  direction!: Direction;

  @Field(() => Float, { defaultValue: 1, description: 'Size of the move in (0, 1]; path strengths scale with it.' })
  magnitude!: number;
}

@ObjectType('Impact', { description: 'How a shock reaches one entity, over every path at or above `minStrength`.' })
export class ImpactType {
  @Field(() => DirectionEnum, { description: 'The direction of the first of its paths in path order (strongest, then fewest hops, then ids).' })
  direction!: Direction;

  @Field(() => Float, { description: "The strongest path's strength: magnitude × the product of weights along it." })
  strength!: number;

  @Field(() => Int, { description: 'The fewest hops among its paths.' })
  hops!: number;

  @Field(() => Int, { description: 'How many paths at or above `minStrength` end at the entity.' })
  pathCount!: number;

  @Field(() => Boolean, { description: 'True when paths of both directions end at the entity.' })
  mixed!: boolean;
}

@ObjectType('TransmissionPath', { description: 'A simple directed path along causal edges from a shocked entity.' })
export class TransmissionPathType {
  @Field(() => Int, { description: 'Number of edges.' })
  hops!: number;

  @Field(() => Float, { description: 'Shock magnitude × the product of the weights along the path.' })
  strength!: number;

  @Field(() => DirectionEnum, { description: "The shock's direction, flipped by every NEGATIVE edge along the path." })
  direction!: Direction;
}

@ObjectType('Propagation', { description: 'Where one or more shocks travel through the causal graph.' })
export class PropagationType {
  @Field(() => [ImpactType], { description: 'One row per reached entity other than the shocked ones, strongest first, then by entity id.' })
  impacts!: Impact[];

  @Field(() => [TransmissionPathType], {
    description: 'The `topPaths` strongest paths: by strength descending, then fewer hops, then entity ids, then edge ids.',
  })
  paths!: TransmissionPath[];
}
