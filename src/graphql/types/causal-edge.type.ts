import { GraphQLDateTime } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { EdgeStatus, Polarity } from '../../domain/model/graph.model';
import { EdgeStatusEnum, PolarityEnum } from './enums';

@ObjectType('CausalEdge', { description: 'A causal claim: a move of `from` transmits to `to`.' })
export class CausalEdgeType {
  @Field(() => ID, { description: 'Stable kebab-case id.' })
  id!: string;

  @Field(() => PolarityEnum, { description: 'POSITIVE: `to` moves the same way as `from`; NEGATIVE: the opposite way.' })
  polarity!: Polarity;

  @Field(() => Float, {
    description: 'Transmission strength in (0, 1]: 0.9 direct and mechanical, 0.5 strong but conditional, 0.2 weak or speculative.',
  })
  weight!: number;

  @Field(() => Float, { description: 'How well the sources support the claim, in (0, 1].' })
  confidence!: number;

  @Field(() => Int, { description: 'Typical delay in days before `to` responds (0 = same day).' })
  lagDays!: number;

  @Field(() => String, { description: 'One sentence: how `from` moves `to`.' })
  mechanism!: string;

  @Field(() => EdgeStatusEnum, { description: 'ACTIVE, or RETRACTED: then it leaves propagation and lists but stays readable by id.' })
  status!: EdgeStatus;

  @Field(() => Int, { description: '1 on creation, +1 on every change; pass it as expectedRevision to change the edge.' })
  revision!: number;

  @Field(() => String, { description: 'Who created the edge ("seed" for curated edges).' })
  createdBy!: string;

  @Field(() => GraphQLDateTime, {
    description: 'When the edge was created: an ISO-8601 date-time in UTC (a DateTime, serialised as before).',
  })
  createdAt!: string;
}
