import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { Polarity } from '../../domain/model/graph.model';
import type { SuggestionChoice } from '../../application/suggestion.service';
import { PolarityEnum } from './enums';

@ObjectType('EdgeSuggestion', {
  description:
    'A causal claim a sentence of a source seems to make between two known entities (a cause word between them, read for negation and hedging). For a researcher to judge, never added by itself.',
})
export class EdgeSuggestionType {
  @Field(() => ID, {
    description: 'Derived from the source, the two entities, the polarity and a digest of the quote: the same sentence gives the same id.',
  })
  id!: string;

  @Field(() => PolarityEnum, { description: 'POSITIVE: `to` moves the same way as `from`; NEGATIVE: the opposite way.' })
  polarity!: Polarity;

  @Field(() => String, { description: "Verbatim from the source's text (at most 300 characters): the evidence to cite." })
  quote!: string;

  @Field(() => Float, {
    description: 'In (0, 1]; higher is more likely a real claim (sentences making the same claim reinforce each other).',
  })
  score!: number;
}

@InputType('SuggestionInput', { description: 'A suggestion from `suggestEdges`, and the numbers the edge it becomes should carry.' })
export class SuggestionInputType implements SuggestionChoice {
  @Field(() => ID, { description: 'The source the suggestion was made from.' })
  sourceId!: string;

  @Field(() => ID, { description: 'The suggested cause.' })
  from!: string;

  @Field(() => ID, { description: 'The suggested effect.' })
  to!: string;

  @Field(() => PolarityEnum, { description: 'The suggested polarity.' })
  polarity!: Polarity;

  @Field(() => String, { description: "The suggestion's quote; checked verbatim against the source's text." })
  quote!: string;

  @Field(() => Float, { defaultValue: 0.3, description: 'Transmission strength in (0, 1]; a suggestion is weak until judged.' })
  weight!: number;

  @Field(() => Float, { defaultValue: 0.5, description: 'How well the source supports the claim, in (0, 1].' })
  confidence!: number;

  @Field(() => Int, { defaultValue: 0, description: 'Typical delay in days, 0 to 3650.' })
  lagDays!: number;

  @Field(() => String, { nullable: true, description: 'How `from` moves `to`; by default "Suggested from <source>: <quote>".' })
  mechanism?: string | null;
}
