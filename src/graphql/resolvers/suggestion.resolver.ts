import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { LIMITS } from '../../domain/limits/argument-limits';
import type { CausalEdge, Entity } from '../../domain/model/graph.model';
import type { EdgeSuggestion } from '../../domain/provenance/suggestion.model';
import { digest } from '../cache-ids';
import type { Context } from '../context';
import { limitedArg } from '../limited-arg';
import { CausalEdgeType } from '../types/causal-edge.type';
import { EntityType } from '../types/entity.type';
import { EdgeSuggestionType, SuggestionInputType } from '../types/suggestion.type';

@Resolver(() => EdgeSuggestionType)
export class SuggestionResolver {
  @Query(() => [EdgeSuggestionType], {
    description:
      "Claims a source's text seems to make between known entities, best first: sentences naming two entities (by any alias, in either Chinese script) with a causal cue, read for negation and hedging. The source needs a text (setSourceText).",
  })
  async suggestEdges(
    @Arg('sourceId', () => ID, { description: 'A source with text.' }) sourceId: string,
    @Arg('first', () => Int, limitedArg(LIMITS.suggestEdges.first, 'At most this many suggestions')) first: number,
    @Ctx() ctx: Context,
  ): Promise<Array<EdgeSuggestion & { id: string }>> {
    const suggestions = await ctx.suggestions.suggest(sourceId, first);
    return suggestions.map((s) => ({ ...s, id: `${sourceId}:${s.fromId}>${s.toId}:${s.polarity}:${digest(s.quote)}` }));
  }

  @Mutation(() => CausalEdgeType, {
    description:
      'Turns a suggestion into a claim in one call: its quote is added as evidence to the ACTIVE edge that already makes the claim, or a new edge is added (PROPOSED, or ACTIVE for an admin). Role: researcher.',
  })
  proposeSuggestion(
    @Arg('input', () => SuggestionInputType, { description: 'The suggestion and the numbers to give the edge.' })
    input: SuggestionInputType,
    @Ctx() ctx: Context,
  ): Promise<CausalEdge> {
    return ctx.suggestions.propose(ctx.actor, input);
  }

  @FieldResolver(() => EntityType, { description: 'The suggested cause.' })
  from(@Root() suggestion: EdgeSuggestion, @Ctx() ctx: Context): Promise<Entity> {
    return ctx.loaders.entity.load(suggestion.fromId);
  }

  @FieldResolver(() => EntityType, { description: 'The suggested effect.' })
  to(@Root() suggestion: EdgeSuggestion, @Ctx() ctx: Context): Promise<Entity> {
    return ctx.loaders.entity.load(suggestion.toId);
  }

  @FieldResolver(() => CausalEdgeType, { nullable: true, description: 'An ACTIVE edge that already makes this claim, if any.' })
  async existingEdge(@Root() suggestion: EdgeSuggestion, @Ctx() ctx: Context): Promise<CausalEdge | null> {
    return suggestion.existingEdgeId ? ctx.loaders.edge.load(suggestion.existingEdgeId) : null;
  }
}
