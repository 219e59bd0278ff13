import { Field, ID, ObjectType } from 'type-graphql';
import type { EntityKind } from '../../domain/model/graph.model';
import { EntityKindEnum } from './enums';

@ObjectType('Entity', { description: 'Anything the sources reason about: an institution, facility, market, quantity, policy or event.' })
export class EntityType {
  @Field(() => ID, { description: 'Stable kebab-case id, e.g. "boj-policy-rate".' })
  id!: string;

  @Field(() => String, { description: 'Name in English.' })
  name!: string;

  @Field(() => EntityKindEnum, { description: 'What sort of thing the entity is.' })
  kind!: EntityKind;

  @Field(() => String, {
    nullable: true,
    description: 'What UP means for this entity, in one sentence; present on every entity that takes part in causal edges.',
  })
  measure?: string;

  @Field(() => String, { nullable: true, description: 'A short description.' })
  description?: string;

  @Field(() => [String], {
    description: 'Other names: English abbreviations and the Chinese names the sources use, in Simplified and Traditional script.',
  })
  aliases!: string[];
}
