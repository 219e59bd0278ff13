import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { CausalEdge, Entity } from '../../domain/model/graph.model';
import type { Context } from '../context';
import { CausalEdgeType } from '../types/causal-edge.type';
import { EntityType } from '../types/entity.type';

@Resolver(() => EntityType)
export class EntityResolver {
  @FieldResolver(() => [CausalEdgeType], { description: 'Causal edges leaving this entity, in id order.' })
  outgoing(@Root() entity: Entity, @Ctx() ctx: Context): Promise<readonly CausalEdge[]> {
    return ctx.loaders.outgoing.load(entity.id);
  }

  @FieldResolver(() => [CausalEdgeType], { description: 'Causal edges arriving at this entity, in id order.' })
  incoming(@Root() entity: Entity, @Ctx() ctx: Context): Promise<readonly CausalEdge[]> {
    return ctx.loaders.incoming.load(entity.id);
  }

  @FieldResolver(() => EntityType, {
    nullable: true,
    description: 'The institution this entity is part of (structural PART_OF, for browsing; propagation ignores it).',
  })
  partOf(@Root() entity: Entity, @Ctx() ctx: Context): Promise<Entity> | null {
    return entity.partOf === undefined ? null : ctx.loaders.entity.load(entity.partOf);
  }
}
