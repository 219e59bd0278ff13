import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Evidence, Source } from '../../domain/model/graph.model';
import type { Context } from '../context';
import { EvidenceType } from '../types/evidence.type';
import { SourceType } from '../types/source.type';

@Resolver(() => EvidenceType)
export class EvidenceResolver {
  @FieldResolver(() => SourceType, { description: 'The source the quote is from.' })
  source(@Root() evidence: Evidence, @Ctx() ctx: Context): Promise<Source> {
    return ctx.loaders.source.load(evidence.sourceId);
  }
}
