import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { CausalEdge, Entity, RecordRevision } from '../../domain/model/graph.model';
import type { Context } from '../context';
import { CausalEdgeType } from '../types/causal-edge.type';
import { EntityRevisionType } from '../types/edge-revision.type';
import { EntityType } from '../types/entity.type';
import { revisionsWithIds } from '../cache-ids';

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

  @FieldResolver(() => Int, { description: '1 on creation, +1 on every change.' })
  revision(@Root() entity: Entity): number {
    return entity.revision ?? 1;
  }

  @FieldResolver(() => [EntityRevisionType], { description: 'Every revision, oldest first: who, when, what changed, why.' })
  async history(@Root() entity: Entity, @Ctx() ctx: Context): Promise<readonly RecordRevision[]> {
    return revisionsWithIds(entity.id, await ctx.loaders.entityHistory.load(entity.id));
  }
}
