import { Field, ObjectType } from 'type-graphql';

@ObjectType('Evidence', { description: 'A citation backing a causal edge: a quote from a source.' })
export class EvidenceType {
  @Field(() => String, { description: 'Copied verbatim from the source, in its original language; at most 300 characters.' })
  quote!: string;

  @Field(() => String, { nullable: true, description: 'The figure the source gives for the claim, when it gives one.' })
  figure?: string;
}
