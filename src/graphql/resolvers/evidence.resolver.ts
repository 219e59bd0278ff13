import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Evidence, RecordRevision, Source } from '../../domain/model/graph.model';
import { SourceRevisionType } from '../types/edge-revision.type';
import type { Context } from '../context';
import { EvidenceType } from '../types/evidence.type';
import { SourceType } from '../types/source.type';
import { revisionsWithIds } from '../cache-ids';

@Resolver(() => EvidenceType)
export class EvidenceResolver {
  @FieldResolver(() => SourceType, { description: 'The source the quote is from.' })
  source(@Root() evidence: Evidence, @Ctx() ctx: Context): Promise<Source> {
    return ctx.loaders.source.load(evidence.sourceId);
  }
}

@Resolver(() => SourceType)
export class SourceResolver {
  @FieldResolver(() => [SourceRevisionType], { description: 'Every revision, oldest first: who, when, what changed, why.' })
  async history(@Root() source: Source, @Ctx() ctx: Context): Promise<readonly RecordRevision[]> {
    return revisionsWithIds(source.id, await ctx.loaders.sourceHistory.load(source.id));
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether the source carries its full text (then every quote citing it is checked verbatim).',
  })
  hasText(@Root() source: Source): boolean {
    return source.textSha256 !== undefined;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "The source's full text, as stored (at most 1,000,000 characters); null when it has none.",
  })
  async text(@Root() source: Source, @Ctx() ctx: Context): Promise<string | null> {
    if (source.textSha256 === undefined) return null;
    return (await ctx.loaders.sourceText.load(source.id)) ?? null;
  }
}
