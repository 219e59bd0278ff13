import { Arg, Ctx, FieldResolver, Float, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { LIMITS, rangeText } from '../../domain/limits/argument-limits';
import type { CausalEdge } from '../../domain/model/graph.model';
import { firstContributions } from '../../domain/propagation/channels';
import type { Channels, EdgeContribution } from '../../domain/propagation/channels.model';
import type { Context } from '../context';
import { includeProposedArg, limitedArg } from '../limited-arg';
import { CausalEdgeType } from '../types/causal-edge.type';
import { ChannelsType, EdgeContributionType } from '../types/channels.type';
import { ShockInput } from '../types/propagation.type';
import { canonicalShocks, digest, pathsWithIds } from '../cache-ids';

@Resolver(() => ChannelsType)
export class ChannelsResolver {
  @Query(() => ChannelsType, {
    description:
      'The channels from a shock to one entity: the strongest paths that end there, their net effect, and the edges the answer hinges on. Paths are pruned as `propagate` prunes them, and branches that can no longer reach `to` within the hops left are never explored.',
  })
  async channels(
    @Arg('from', () => ShockInput, { description: 'The shock.' }) from: ShockInput,
    @Arg('to', () => ID, { description: 'The entity the channels end at.' }) to: string,
    @Arg('maxHops', () => Int, limitedArg(LIMITS.channels.maxHops, 'Longest path, in edges')) maxHops: number,
    @Arg('minStrength', () => Float, limitedArg(LIMITS.channels.minStrength, 'Drop paths weaker than this (a path exactly at it is kept)'))
    minStrength: number,
    @Arg(
      'topPaths',
      () => Int,
      limitedArg(LIMITS.channels.topPaths, 'How many of the strongest channels to list (the net effect counts every one)'),
    )
    topPaths: number,
    @Arg('via', () => [ID], {
      defaultValue: [],
      description: `Keep only paths that pass through every one of these entities (${rangeText(LIMITS.channels.via)}).`,
    })
    via: string[],
    @Arg('avoid', () => [ID], {
      defaultValue: [],
      description: `Keep only paths that pass through none of these entities (${rangeText(LIMITS.channels.avoid)}).`,
    })
    avoid: string[],
    @Arg('includeProposed', () => Boolean, includeProposedArg) includeProposed: boolean,
    @Ctx() ctx: Context,
  ): Promise<Channels & { id: string }> {
    const answer = await ctx.propagation.channels({ from, to, maxHops, minStrength, topPaths, via, avoid, includeProposed }, ctx.order);
    const shock = { entityId: from.entityId, direction: from.direction, magnitude: from.magnitude };
    const id = digest({
      from: canonicalShocks([shock]),
      to,
      maxHops,
      minStrength,
      topPaths,
      via,
      avoid: [...avoid].sort(),
      includeProposed,
    });
    return { ...answer, id, paths: pathsWithIds(answer.paths, [shock]) };
  }

  @FieldResolver(() => [EdgeContributionType], {
    description:
      'The edges the channels use, by |contribution| descending, then edge id: the claims the answer hinges on. An edge whose contribution is near 0 is used by channels that cancel.',
  })
  contributions(
    @Root() channels: Channels & { id: string },
    @Arg('first', () => Int, limitedArg(LIMITS.channels.contributions, 'How many edges')) first: number,
  ): Array<EdgeContribution & { id: string }> {
    return firstContributions(channels, first).map((c) => ({ ...c, id: `${channels.id}:${c.edgeId}` }));
  }
}

@Resolver(() => EdgeContributionType)
export class EdgeContributionResolver {
  @FieldResolver(() => CausalEdgeType, { description: 'The causal edge.' })
  edge(@Root() contribution: EdgeContribution, @Ctx() ctx: Context): Promise<CausalEdge> {
    return ctx.loaders.edge.load(contribution.edgeId);
  }
}
