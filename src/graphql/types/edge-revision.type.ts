import { Field, Int, ObjectType } from 'type-graphql';
import type { FieldChange, RevisionAction } from '../../domain/model/graph.model';
import { RevisionActionEnum } from './enums';

@ObjectType('FieldChange', { description: "One field's change in a revision." })
export class FieldChangeType {
  @Field(() => String, { description: 'The field: polarity, weight, confidence, lagDays, mechanism, evidence, status, …' })
  field!: string;

  @Field(() => String, { nullable: true, description: 'The value before, JSON-encoded; null on creation.' })
  from!: string | null;

  @Field(() => String, { nullable: true, description: 'The value after, JSON-encoded.' })
  to!: string | null;
}

@ObjectType('EdgeRevision', { description: 'One revision of a causal edge: who, when, what changed and why.' })
export class EdgeRevisionType {
  @Field(() => Int, { description: 'The revision this entry made: 1 for the creation, then +1 per change.' })
  revision!: number;

  @Field(() => String, { description: 'When, as ISO-8601.' })
  at!: string;

  @Field(() => String, { description: 'Who: the name of the token that wrote it ("seed" for curated edges).' })
  by!: string;

  @Field(() => RevisionActionEnum, { description: 'What the revision did.' })
  action!: RevisionAction;

  @Field(() => [FieldChangeType], { description: 'The fields it changed, with their values before and after.' })
  changes!: FieldChange[];

  @Field(() => String, { nullable: true, description: 'Why, as the writer gave it.' })
  reason?: string;
}
