import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { CausalEdge, Entity, Evidence, RecordRevision } from '../../domain/model/graph.model';
import type { Context } from '../context';
import { CausalEdgeType } from '../types/causal-edge.type';
import { EdgeRevisionType } from '../types/edge-revision.type';
import { EntityType } from '../types/entity.type';
import { EvidenceType } from '../types/evidence.type';
import { evidenceWithIds, revisionsWithIds } from '../cache-ids';

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

  @FieldResolver(() => [EdgeRevisionType], { description: 'Every revision, oldest first: who, when, what changed, why.' })
  async history(@Root() edge: CausalEdge, @Ctx() ctx: Context): Promise<readonly RecordRevision[]> {
    return revisionsWithIds(edge.id, await ctx.loaders.edgeHistory.load(edge.id));
  }

  @FieldResolver(() => [EvidenceType], { description: 'The citations behind the claim; at least one.' })
  evidence(@Root() edge: CausalEdge): Array<Evidence & { id: string }> {
    return evidenceWithIds(edge.id, edge.evidence);
  }
}
