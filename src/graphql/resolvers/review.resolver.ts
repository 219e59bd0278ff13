import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { LIMITS } from '../../domain/limits/argument-limits';
import type { CausalEdge, Source } from '../../domain/model/graph.model';
import type { Context } from '../context';
import { loadAll } from '../loaders';
import { limitedArg } from '../limited-arg';
import { CausalEdgeType } from '../types/causal-edge.type';
import { CausalEdgeConnectionType } from '../types/connection.type';
import { SourceType } from '../types/source.type';
import { toConnection } from './query.resolver';

/** Review and provenance (API.md): the review queue, disagreements, source texts, accept and reject. */
@Resolver()
export class ReviewResolver {
  @Query(() => CausalEdgeConnectionType, {
    description: 'Edges awaiting review (PROPOSED), oldest first. Readable by anyone; accepting or rejecting needs the reviewer role.',
  })
  async reviewQueue(
    @Arg('first', () => Int, limitedArg(LIMITS.reviewQueue.first, 'Page size')) first: number,
    @Arg('after', () => String, { nullable: true, description: '`pageInfo.endCursor` of the previous page.' }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<CausalEdgeConnectionType> {
    return toConnection(await ctx.catalog.reviewQueue(first, after));
  }

  @Query(() => [[CausalEdgeType]], {
    description:
      'Disagreements: for each pair of entities (from → to) joined by ACTIVE edges of both polarities, those edges (each with its own evidence), in id order. Groups in order of from, then to.',
  })
  async disagreements(
    @Arg('first', () => Int, limitedArg(LIMITS.disagreements.first, 'At most this many pairs')) first: number,
    @Ctx() ctx: Context,
  ): Promise<CausalEdge[][]> {
    const groups = await ctx.analysis.disagreements(first);
    return Promise.all(groups.map((g) => loadAll(ctx.loaders.edge, g.edgeIds)));
  }

  @Mutation(() => SourceType, {
    description: "Gives a source its full text, or replaces it: a new revision in the source's history. Role: researcher.",
  })
  setSourceText(
    @Arg('id', () => ID, { description: 'The source.' }) id: string,
    @Arg('text', () => String, { description: "The document's full text, at most 1,000,000 characters." }) text: string,
    @Arg('expectedRevision', () => Int, { description: 'The source revision the change was based on.' }) expectedRevision: number,
    @Arg('reason', () => String, { nullable: true, description: 'Why, recorded in the history.' }) reason: string | null,
    @Ctx() ctx: Context,
  ): Promise<Source> {
    return ctx.writer.setSourceText(ctx.actor, id, text, expectedRevision, reason);
  }

  @Mutation(() => CausalEdgeType, {
    description:
      'Accepts a PROPOSED edge: it becomes ACTIVE (an edge it was proposed to replace is retracted in the same write). Role: reviewer (not on their own proposal) or admin.',
  })
  acceptEdge(
    @Arg('id', () => ID, { description: 'The proposed edge.' }) id: string,
    @Arg('expectedRevision', () => Int, { description: 'The revision the review was based on.' }) expectedRevision: number,
    @Arg('reason', () => String, { nullable: true, description: 'Why, recorded in the history.' }) reason: string | null,
    @Ctx() ctx: Context,
  ): Promise<CausalEdge> {
    return ctx.writer.acceptEdge(ctx.actor, id, expectedRevision, reason);
  }

  @Mutation(() => CausalEdgeType, {
    description:
      'Rejects a PROPOSED edge: REJECTED, left out of lists and analyses, still readable by id with its history. Role: reviewer (not on their own proposal) or admin.',
  })
  rejectEdge(
    @Arg('id', () => ID, { description: 'The proposed edge.' }) id: string,
    @Arg('expectedRevision', () => Int, { description: 'The revision the review was based on.' }) expectedRevision: number,
    @Arg('reason', () => String, { description: 'Why, recorded in the history.' }) reason: string,
    @Ctx() ctx: Context,
  ): Promise<CausalEdge> {
    return ctx.writer.rejectEdge(ctx.actor, id, expectedRevision, reason);
  }
}
