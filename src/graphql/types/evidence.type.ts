import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('Evidence', { description: 'A citation backing a causal edge: a quote from a source.' })
export class EvidenceType {
  @Field(() => ID, {
    description:
      'For client caches: the edge id, a colon and a digest of the source id and the quote (evidence is only ever added, never changed).',
  })
  id!: string;

  @Field(() => String, { description: 'Copied verbatim from the source, in its original language; at most 300 characters.' })
  quote!: string;

  @Field(() => String, { nullable: true, description: 'The figure the source gives for the claim, when it gives one.' })
  figure?: string;
}
