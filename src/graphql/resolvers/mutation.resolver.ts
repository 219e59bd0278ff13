import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { CausalEdge, Entity, Source } from '../../domain/model/graph.model';
import type { Context } from '../context';
import { CausalEdgeType } from '../types/causal-edge.type';
import { EntityType } from '../types/entity.type';
import { SourceType } from '../types/source.type';
import { CausalEdgeInputType, CausalEdgePatchType, EntityInputType, SourceInputType } from '../types/write.input';

@Resolver()
export class MutationResolver {
  @Mutation(() => EntityType, { description: 'Creates an entity, or replaces it whole when the id exists. Role: researcher.' })
  upsertEntity(
    @Arg('input', () => EntityInputType, { description: 'The entity.' }) input: EntityInputType,
    @Ctx() ctx: Context,
  ): Promise<Entity> {
    return ctx.writer.upsertEntity(ctx.actor, input);
  }

  @Mutation(() => SourceType, {
    description:
      'Adds a source to cite. Repeating an identical call returns the source; different values for an existing id are a CONFLICT. Role: researcher.',
  })
  addSource(
    @Arg('input', () => SourceInputType, { description: 'The source.' }) input: SourceInputType,
    @Ctx() ctx: Context,
  ): Promise<Source> {
    return ctx.writer.addSource(ctx.actor, input);
  }

  @Mutation(() => CausalEdgeType, {
    description:
      'Adds a causal edge with its evidence (revision 1). Refused when an active edge already makes the same claim. Role: researcher.',
  })
  addEdge(
    @Arg('input', () => CausalEdgeInputType, { description: 'The claim and its evidence.' }) input: CausalEdgeInputType,
    @Arg('idempotencyKey', () => String, {
      nullable: true,
      description: 'Repeat a call with the same key to get the first result back and write nothing new.',
    })
    idempotencyKey: string | null,
    @Ctx() ctx: Context,
  ): Promise<CausalEdge> {
    return ctx.writer.addEdge(ctx.actor, input, idempotencyKey);
  }

  @Mutation(() => CausalEdgeType, {
    description: 'Corrects an edge, if it is still at `expectedRevision` (else CONFLICT). Role: researcher.',
  })
  updateEdge(
    @Arg('id', () => ID, { description: 'The edge.' }) id: string,
    @Arg('patch', () => CausalEdgePatchType, { description: 'What to change.' }) patch: CausalEdgePatchType,
    @Arg('expectedRevision', () => Int, { description: 'The revision the change was based on.' }) expectedRevision: number,
    @Arg('reason', () => String, { nullable: true, description: 'Why, recorded in the history.' }) reason: string | null,
    @Ctx() ctx: Context,
  ): Promise<CausalEdge> {
    return ctx.writer.updateEdge(ctx.actor, id, patch, expectedRevision, reason);
  }

  @Mutation(() => CausalEdgeType, {
    description: 'Retracts an edge: it leaves propagation and lists but stays readable by id with its history. Role: admin.',
  })
  retractEdge(
    @Arg('id', () => ID, { description: 'The edge.' }) id: string,
    @Arg('reason', () => String, { description: 'Why, recorded in the history.' }) reason: string,
    @Arg('expectedRevision', () => Int, { description: 'The revision the retraction was based on.' }) expectedRevision: number,
    @Ctx() ctx: Context,
  ): Promise<CausalEdge> {
    return ctx.writer.retractEdge(ctx.actor, id, reason, expectedRevision);
  }
}
