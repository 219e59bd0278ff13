import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { CausalEdge, Entity } from '../../domain/model/graph.model';
import type { Context } from '../context';
import { CausalEdgeType } from '../types/causal-edge.type';
import { EntityType } from '../types/entity.type';

@Resolver(() => CausalEdgeType)
export class CausalEdgeResolver {
  @FieldResolver(() => EntityType, { description: 'The entity whose move transmits.' })
  from(@Root() edge: CausalEdge, @Ctx() ctx: Context): Promise<Entity> {
    return ctx.loaders.entity.load(edge.fromId);
  }

  @FieldResolver(() => EntityType, { description: 'The entity that responds.' })
  to(@Root() edge: CausalEdge, @Ctx() ctx: Context): Promise<Entity> {
    return ctx.loaders.entity.load(edge.toId);
  }
}
