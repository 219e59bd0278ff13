import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { TransmissionPath } from '../../domain/propagation/propagation.model';
import { TransmissionPathType } from './propagation.type';

@ObjectType('EdgeContribution', { description: "A causal edge's share in a set of paths: how much of the answer hinges on that claim." })
export class EdgeContributionType {
  @Field(() => ID, {
    description: "For client caches: the channels' id, a colon and the edge id.",
  })
  id!: string;

  @Field(() => Float, { description: 'The sum of the signed strengths (+ UP, − DOWN) of the paths in the set that use this edge.' })
  contribution!: number;

  @Field(() => Int, { description: 'How many paths of the set use this edge.' })
  pathCount!: number;
}

@ObjectType('Channels', {
  description:
    'The channels from a shock to one entity: every path at or above `minStrength` from the shocked entity that ends there (optionally through every `via` and no `avoid` entity), with their net effect.',
})
export class ChannelsType {
  @Field(() => ID, {
    description:
      'For client caches: a digest of every argument of the channels call (from, to, maxHops, minStrength, topPaths, via, avoid, includeProposed).',
  })
  id!: string;

  @Field(() => [TransmissionPathType], {
    description: 'The `topPaths` strongest channels, in path order (strength descending, then fewer hops, then entity ids, then edge ids).',
  })
  paths!: TransmissionPath[];

  @Field(() => Int, { description: 'Every surviving channel, not only the listed ones.' })
  pathCount!: number;

  @Field(() => Float, {
    description: 'The sum of the signed strengths of every channel: which way, and how far, the target moves on balance.',
  })
  netEffect!: number;

  @Field(() => Float, { description: "|netEffect| / the sum of the channels' strengths, in [0, 1]: 1 when they all point the same way." })
  agreement!: number;
}
