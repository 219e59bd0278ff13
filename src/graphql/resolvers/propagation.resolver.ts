import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { CausalEdge, Entity } from '../../domain/model/graph.model';
import { explainPath, type PathExplanation } from '../../domain/propagation/explain-path';
import type { Impact, TransmissionPath } from '../../domain/propagation/propagation.model';
import { PathExplanationType } from '../types/analysis.type';
import type { Context } from '../context';
import { loadAll } from '../loaders';
import { CausalEdgeType } from '../types/causal-edge.type';
import { EntityType } from '../types/entity.type';
import { ImpactType, TransmissionPathType } from '../types/propagation.type';

@Resolver(() => ImpactType)
export class ImpactResolver {
  @FieldResolver(() => EntityType, { description: 'The reached entity.' })
  entity(@Root() impact: Impact, @Ctx() ctx: Context): Promise<Entity> {
    return ctx.loaders.entity.load(impact.entityId);
  }
}

@Resolver(() => TransmissionPathType)
export class TransmissionPathResolver {
  @FieldResolver(() => [EntityType], { description: 'From the shocked entity to the reached one: hops + 1 entities.' })
  entities(@Root() path: TransmissionPath, @Ctx() ctx: Context): Promise<Entity[]> {
    return loadAll(ctx.loaders.entity, path.entityIds);
  }

  @FieldResolver(() => [CausalEdgeType], { description: 'The edges along the path, in order: hops edges.' })
  edges(@Root() path: TransmissionPath, @Ctx() ctx: Context): Promise<CausalEdge[]> {
    return loadAll(ctx.loaders.edge, path.edgeIds);
  }

  @FieldResolver(() => PathExplanationType, {
    description: 'The path in readable English, each step with its mechanism and the quote behind it.',
  })
  async explanation(@Root() path: TransmissionPath, @Ctx() ctx: Context): Promise<PathExplanation> {
    const [entities, edges] = await Promise.all([loadAll(ctx.loaders.entity, path.entityIds), loadAll(ctx.loaders.edge, path.edgeIds)]);
    const sourceIds = [...new Set(edges.map((e) => e.evidence[0].sourceId))];
    const sources = await loadAll(ctx.loaders.source, sourceIds);
    const explanation = explainPath(entities, edges, path.direction, new Map(sources.map((s) => [s.id, s])));
    return { ...explanation, steps: explanation.steps.map((step) => ({ ...step, id: `${step.edgeId}:${step.fromMoves}` })) };
  }
}
