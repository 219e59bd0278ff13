import { Field, Float, ID, InputType, Int } from 'type-graphql';
import type { EntityKind, Polarity } from '../../domain/model/graph.model';
import type { EdgeInput, EdgePatch, EntityInput, EvidenceInput, SourceInput } from '../../domain/write/write-inputs';
import { EntityKindEnum, PolarityEnum } from './enums';

@InputType('EvidenceInput', { description: 'A citation: a source and a quote from it.' })
export class EvidenceInputType implements EvidenceInput {
  @Field(() => ID, { description: 'A source added with addSource (see `sources`).' })
  sourceId!: string;

  @Field(() => String, { description: 'Copied verbatim from the source, in its original language; 1 to 300 characters.' })
  quote!: string;
}

@InputType('EntityInput', { description: 'An entity to create, or to replace whole when its id exists.' })
export class EntityInputType implements EntityInput {
  @Field(() => ID, { description: 'Kebab-case id: lowercase letters and digits joined by single hyphens.' })
  id!: string;

  @Field(() => String, { description: 'Name in English.' })
  name!: string;

  @Field(() => EntityKindEnum, { description: 'What sort of thing the entity is.' })
  kind!: EntityKind;

  @Field(() => String, { nullable: true, description: 'What UP means, in one sentence; required once the entity has causal edges.' })
  measure?: string | null;

  @Field(() => String, { nullable: true, description: 'A short description.' })
  description?: string | null;

  @Field(() => [String], { nullable: true, description: 'Abbreviations and Chinese names, in either script.' })
  aliases?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'The institution this entity is part of (structural PART_OF).' })
  partOf?: string | null;
}

@InputType('SourceInput', { description: 'A document claims are cited from.' })
export class SourceInputType implements SourceInput {
  @Field(() => ID, { description: 'Kebab-case id, e.g. "hayes-2024-nochu".' })
  id!: string;

  @Field(() => String, { description: 'Title as the document gives it.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Author or publisher.' })
  author?: string | null;

  @Field(() => String, { nullable: true, description: 'Publication date: YYYY, YYYY-MM or YYYY-MM-DD.' })
  publishedOn?: string | null;

  @Field(() => String, { description: 'BCP 47 language tag, e.g. en, zh-Hans, zh-Hant.' })
  language!: string;

  @Field(() => String, { nullable: true, description: 'An http(s) address of the document.' })
  url?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The document's full text (at most 1,000,000 characters), stored once with its SHA-256: every quote citing the source is then checked verbatim against it (after Unicode NFC and collapsing runs of whitespace).",
  })
  text?: string | null;
}

@InputType('CausalEdgeInput', { description: 'A new causal claim with its evidence.' })
export class CausalEdgeInputType implements EdgeInput {
  @Field(() => ID, { nullable: true, description: 'Optional kebab-case id; by default "<from>-lifts-<to>" or "<from>-lowers-<to>".' })
  id?: string | null;

  @Field(() => ID, { description: 'The entity whose move transmits; it must have a measure.' })
  from!: string;

  @Field(() => ID, { description: 'The entity that responds; another entity with a measure.' })
  to!: string;

  @Field(() => PolarityEnum, { description: 'POSITIVE: `to` moves the same way; NEGATIVE: the opposite way.' })
  polarity!: Polarity;

  @Field(() => Float, { description: 'Transmission strength in (0, 1]: 0.9 direct, 0.5 strong but conditional, 0.2 weak.' })
  weight!: number;

  @Field(() => Float, { description: 'How well the sources support the claim, in (0, 1].' })
  confidence!: number;

  @Field(() => Int, { defaultValue: 0, description: 'Typical delay in days, 0 to 3650.' })
  lagDays!: number;

  @Field(() => String, { description: 'One sentence: how `from` moves `to`.' })
  mechanism!: string;

  @Field(() => [EvidenceInputType], { description: 'At least one citation.' })
  evidence!: EvidenceInputType[];
}

@InputType('CausalEdgePatch', { description: 'Corrections to an edge; give at least one field. Evidence is only ever added.' })
export class CausalEdgePatchType implements EdgePatch {
  @Field(() => PolarityEnum, { nullable: true, description: 'A corrected polarity.' })
  polarity?: Polarity | null;

  @Field(() => Float, { nullable: true, description: 'A corrected weight in (0, 1].' })
  weight?: number | null;

  @Field(() => Float, { nullable: true, description: 'A corrected confidence in (0, 1].' })
  confidence?: number | null;

  @Field(() => Int, { nullable: true, description: 'A corrected lag in days, 0 to 3650.' })
  lagDays?: number | null;

  @Field(() => String, { nullable: true, description: 'A corrected mechanism sentence.' })
  mechanism?: string | null;

  @Field(() => [EvidenceInputType], { nullable: true, description: 'More citations for the same claim.' })
  addEvidence?: EvidenceInputType[] | null;
}
