import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('Source', { description: 'A document that causal claims are cited from.' })
export class SourceType {
  @Field(() => ID, { description: 'Stable kebab-case id, e.g. "hayes-2024-nochu".' })
  id!: string;

  @Field(() => String, { description: 'Title as the document gives it.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Author or publisher.' })
  author?: string;

  @Field(() => String, { nullable: true, description: 'Publication date as ISO-8601, possibly partial (YYYY or YYYY-MM).' })
  publishedOn?: string;

  @Field(() => String, { description: 'Language and script as a BCP 47 tag, e.g. zh-Hans, zh-Hant, en.' })
  language!: string;

  @Field(() => String, { nullable: true, description: 'Where the document can be read, when it has an address.' })
  url?: string;

  @Field(() => Int, { description: '1 on creation, +1 on every change.' })
  revision!: number;

  @Field(() => String, {
    nullable: true,
    description: "SHA-256 (hex, of the UTF-8 bytes) of the source's full text; null when it has none.",
  })
  textSha256?: string;
}
