import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, Int, InterfaceType, ObjectType } from 'type-graphql';
import type { FieldChange, RevisionAction } from '../../domain/model/graph.model';
import { RevisionActionEnum } from './enums';

@ObjectType('FieldChange', { description: "One field's change in a revision." })
export class FieldChangeType {
  @Field(() => ID, {
    description:
      'For client caches: the revision\'s id, the change\'s place in it and the field, e.g. "usd-liquidity-lifts-gold@2:1:weight".',
  })
  id!: string;

  @Field(() => String, { description: 'The field: polarity, weight, confidence, lagDays, mechanism, evidence, status, …' })
  field!: string;

  @Field(() => String, { nullable: true, description: 'The value before, JSON-encoded; null on creation.' })
  from!: string | null;

  @Field(() => String, { nullable: true, description: 'The value after, JSON-encoded.' })
  to!: string | null;
}

@InterfaceType('Revision', { description: 'One revision of a record (an edge, an entity or a source): who, when, what changed and why.' })
export abstract class RevisionFields {
  @Field(() => ID, {
    description: 'For client caches: the record\'s id and the revision number, e.g. "usd-liquidity-lifts-gold@2".',
  })
  id!: string;

  @Field(() => Int, { description: 'The revision this entry made: 1 for the creation, then +1 per change.' })
  revision!: number;

  @Field(() => GraphQLDateTime, { description: 'When: an ISO-8601 date-time in UTC (a DateTime, serialised as before).' })
  at!: string;

  @Field(() => String, { description: 'Who: the name of the token that wrote it ("seed" for curated records).' })
  by!: string;

  @Field(() => RevisionActionEnum, { description: 'What the revision did.' })
  action!: RevisionAction;

  @Field(() => [FieldChangeType], { description: 'The fields it changed, with their values before and after.' })
  changes!: FieldChange[];

  @Field(() => String, { nullable: true, description: 'Why, as the writer gave it.' })
  reason?: string;
}

@ObjectType('EdgeRevision', { implements: RevisionFields, description: 'One revision of a causal edge: who, when, what changed and why.' })
export class EdgeRevisionType extends RevisionFields {}

@ObjectType('EntityRevision', {
  implements: RevisionFields,
  description: 'One revision of an entity: who, when, what changed and why (a changed measure changes every sign that touches the entity).',
})
export class EntityRevisionType extends RevisionFields {}

@ObjectType('SourceRevision', { implements: RevisionFields, description: 'One revision of a source: who, when, what changed and why.' })
export class SourceRevisionType extends RevisionFields {}
