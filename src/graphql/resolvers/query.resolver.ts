import { Arg, Ctx, Float, ID, Int, Query, Resolver } from 'type-graphql';
import type { CausalEdge, Entity, EntityKind, Source } from '../../domain/model/graph.model';
import type { Page } from '../../domain/paging/cursor';
import type { PropagationAnswer } from '../../application/propagation.service';
import { canonicalDisable, canonicalShocks, digest, impactWithId, pathsWithIds } from '../cache-ids';
import type { Context } from '../context';
import { CausalEdgeType } from '../types/causal-edge.type';
import { CausalEdgeConnectionType, EntityConnectionType, type PageInfoType } from '../types/connection.type';
import { EntityType } from '../types/entity.type';
import { EntityKindEnum } from '../types/enums';
import { DisableInput, PropagationType, ShockInput } from '../types/propagation.type';
import { LIMITS, rangeText } from '../../domain/limits/argument-limits';
import { includeProposedArg, limitedArg } from '../limited-arg';
import { SourceType } from '../types/source.type';

@Resolver()
export class QueryResolver {
  @Query(() => EntityType, { nullable: true, description: 'One entity by id; null when there is none.' })
  entity(
    @Arg('id', () => ID, { description: 'The entity id, e.g. "boj-policy-rate".' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Entity | undefined> {
    return ctx.catalog.entity(id);
  }

  @Query(() => EntityConnectionType, {
    description:
      'Entities, optionally filtered. `search` matches id, name and every alias case-insensitively, in Simplified or Traditional Chinese alike; exact matches come first, then prefixes, then partial matches, each group in id order.',
  })
  async entities(
    @Arg('search', () => String, { nullable: true, description: 'Text to find in ids, names and aliases.' }) search: string | null,
    @Arg('kinds', () => [EntityKindEnum], { nullable: true, description: 'Only entities of these kinds.' }) kinds: EntityKind[] | null,
    @Arg('first', () => Int, limitedArg(LIMITS.entities.first, 'Page size')) first: number,
    @Arg('after', () => String, { nullable: true, description: '`pageInfo.endCursor` of the previous page.' }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<EntityConnectionType> {
    return toConnection(await ctx.catalog.entities({ search, kinds, first, after }));
  }

  @Query(() => CausalEdgeType, { nullable: true, description: 'One causal edge by id; null when there is none.' })
  edge(@Arg('id', () => ID, { description: 'The edge id.' }) id: string, @Ctx() ctx: Context): Promise<CausalEdge | undefined> {
    return ctx.catalog.edge(id);
  }

  @Query(() => CausalEdgeConnectionType, { description: 'Every causal edge, in the stable order of their ids.' })
  async edges(
    @Arg('first', () => Int, limitedArg(LIMITS.edges.first, 'Page size')) first: number,
    @Arg('after', () => String, { nullable: true, description: '`pageInfo.endCursor` of the previous page.' }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<CausalEdgeConnectionType> {
    return toConnection(await ctx.catalog.edges(first, after));
  }

  @Query(() => [SourceType], { description: 'Every source the graph cites, in id order.' })
  sources(@Ctx() ctx: Context): Promise<readonly Source[]> {
    return ctx.catalog.sources();
  }

  @Query(() => PropagationType, {
    description:
      'Where shocks travel: every simple path along causal edges from a shocked entity, up to `maxHops`, with strength = magnitude × the product of weights, dropped below `minStrength`.',
  })
  async propagate(
    @Arg('shocks', () => [ShockInput], {
      defaultValue: [],
      description: `One or more shocks (${rangeText(LIMITS.propagate.shocks)}), at most one per entity. Paths never pass through or end at another shocked entity. May be left out when \`scenario\` is given.`,
    })
    shocks: ShockInput[],
    @Arg('scenario', () => ID, { nullable: true, description: 'Run a named scenario (see `scenarios`): its shocks, instead of `shocks`.' })
    scenario: string | null,
    @Arg('maxHops', () => Int, limitedArg(LIMITS.propagate.maxHops, 'Longest path, in edges')) maxHops: number,
    @Arg('minStrength', () => Float, limitedArg(LIMITS.propagate.minStrength, 'Drop paths weaker than this (a path exactly at it is kept)'))
    minStrength: number,
    @Arg(
      'topPaths',
      () => Int,
      limitedArg(LIMITS.propagate.topPaths, 'How many of the strongest paths to list (impacts count every path, not only these)'),
    )
    topPaths: number,
    @Arg('horizonDays', () => Int, {
      nullable: true,
      ...limitedArg(LIMITS.propagate.horizonDays, 'Keep only paths whose summed lag is at most this many days'),
    })
    horizonDays: number | null,
    @Arg('disable', () => DisableInput, {
      nullable: true,
      description: 'A counterfactual: propagate as if these entities and edges did not exist.',
    })
    disable: DisableInput | null,
    @Arg('compare', () => Boolean, {
      defaultValue: false,
      description: 'With `disable`: also report the difference from the unchanged graph in `comparison`.',
    })
    compare: boolean,
    @Arg('includeProposed', () => Boolean, includeProposedArg) includeProposed: boolean,
    @Ctx() ctx: Context,
  ): Promise<PropagationAnswer & { id: string }> {
    const chosen = ctx.analysis.shocksOf(shocks, scenario);
    const answer = await ctx.propagation.propagate(
      { shocks: chosen, maxHops, minStrength, topPaths, horizonDays, disable, includeProposed },
      compare,
      ctx.order,
    );
    // Ids for client caches (cache-ids.ts): an impact's values depend on everything but
    // topPaths; the comparison's "before" side is the same walk without the counterfactual.
    const walk = { shocks: canonicalShocks(chosen), maxHops, minStrength, horizonDays: horizonDays ?? null, includeProposed };
    const scope = digest({ ...walk, disable: canonicalDisable(disable) });
    const baseline = digest({ ...walk, disable: null });
    const { comparison } = answer;
    return {
      ...answer,
      id: digest({ scope, topPaths, compare }),
      impacts: answer.impacts.map((impact) => impactWithId(impact, scope)),
      paths: pathsWithIds(answer.paths, chosen),
      comparison: comparison && {
        changes: comparison.changes.map((change) => ({
          ...change,
          id: `${scope}:${change.entityId}`,
          before: change.before && impactWithId(change.before, baseline),
          after: change.after && impactWithId(change.after, scope),
        })),
        cutPaths: pathsWithIds(comparison.cutPaths, chosen),
      },
    };
  }
}

export /** A page as a Relay connection: `edges { cursor node }` beside the plain `nodes`. */
function toConnection<T>(page: Page<T>): {
  nodes: T[];
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfoType;
  totalCount: number;
} {
  return {
    nodes: [...page.nodes],
    edges: page.nodes.map((node, i) => ({ cursor: page.cursors[i], node })),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: page.cursors[0] ?? null,
      endCursor: page.endCursor,
    },
    totalCount: page.totalCount,
  };
}
