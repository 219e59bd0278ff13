import { Arg, Ctx, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { changeStream } from '../../application/change-stream';
import { NotFoundError } from '../../domain/errors';
import type { GraphChange } from '../../domain/model/graph-change.model';
import type { CausalEdge } from '../../domain/model/graph.model';
import type { Context } from '../context';
import { CausalEdgeType } from '../types/causal-edge.type';
import { GraphChangeType } from '../types/graph-change.type';

/** The live changes a subscription sees: bounded by its session (an HTTP request has none). */
function liveChanges(ctx: Context, filter?: (change: GraphChange) => boolean): AsyncIterableIterator<GraphChange> {
  if (!ctx.live) throw new Error('subscriptions are served over WebSocket only');
  const live = ctx.live;
  const stream = changeStream(ctx.changes, { filter, maxQueued: live.maxQueued, onOverflow: () => live.dropSlow() });
  // Each event is resolved with fresh loaders: the edge as it is after this change.
  return {
    ...stream,
    next: async () => {
      const result = await stream.next();
      if (!result.done) live.renew();
      return result;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

@Resolver()
export class SubscriptionResolver {
  @Subscription(() => GraphChangeType, {
    description:
      'Every accepted write, in commit order, from the moment of subscribing (over graphql-ws on /graphql). Re-read what a change names, or re-run a query whose answer it may change.',
    subscribe: ({ context }: SubscribeResolverData<unknown, unknown, Context>) => liveChanges(context),
  })
  graphChanged(@Root() change: GraphChange): GraphChange & { id: string } {
    return { ...change, id: `change@${change.version}` };
  }

  @Subscription(() => CausalEdgeType, {
    description: 'The edge as it is after each of its changes (corrected, accepted, rejected, retracted). NOT_FOUND for an unknown id.',
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, { id: string }, Context>) => {
      if (!(await context.catalog.edge(args.id))) throw new NotFoundError(`no edge with id "${args.id}"`);
      return liveChanges(context, (change) => change.edgeId === args.id);
    },
  })
  async edgeChanged(@Arg('id', () => ID, { description: 'The edge to follow.' }) id: string, @Ctx() ctx: Context): Promise<CausalEdge> {
    const edge = await ctx.catalog.edge(id);
    if (!edge) throw new NotFoundError(`no edge with id "${id}"`);
    return edge;
  }
}
